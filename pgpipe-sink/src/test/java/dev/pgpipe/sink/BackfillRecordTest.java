package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.backfill.BackfillTable;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A chunk's progress marker is stored by the batch that applies it, in its transaction, once: a
 * replayed batch leaves it alone, and a marker of an older request does not touch a newer one.
 */
@WithPostgres
class BackfillRecordTest {

  private static Transaction chunk(long lsn, long request, String key, long rows, boolean done) {
    String json =
        "{\"table\":\"public.brt\",\"request\":"
            + request
            + ",\"rows\":"
            + rows
            + ",\"chunks\":1,\"done\":"
            + done
            + ",\"key\":[\""
            + key
            + "\"]}";
    ChangeEvent marker =
        new ChangeEvent(
            Operation.MESSAGE,
            null,
            null,
            null,
            new LogicalMessage(
                BackfillTable.PROGRESS_PREFIX, json.getBytes(StandardCharsets.UTF_8), false),
            0,
            new EventPosition(lsn, 0, Instant.EPOCH, 1));
    List<ChangeEvent> events =
        new java.util.ArrayList<>(
            new Events("brt", lsn).insert(Long.parseLong(key), "v", 1).tx().events());
    events.add(marker);
    return new Transaction(0, lsn, lsn, lsn, Instant.EPOCH, events, 0, true);
  }

  private static String state(TestDatabase target) {
    return Pair.text(
        target,
        "SELECT request || ' ' || state || ' ' || rows_done || ' ' || coalesce(last_key::text, '-')"
            + " FROM pgpipe.sink_backfills WHERE table_name = 'public.brt'");
  }

  @Test
  void progressMarkerIsStoredWithItsBatchOnceAndOnlyForItsRequest() {
    TestDatabase target = Pair.target("brt");
    target.execute("CREATE TABLE brt (id int8 PRIMARY KEY, v text, n int4)");
    try (TableSink sink = TableSink.open(Pair.sink(target, "brt", List.of("brt")).build())) {
      assertThat(sink.requestBackfill("public.brt")).isEqualTo(1);
      assertThat(state(target)).isEqualTo("1 pending 0 -");
      sink.apply(List.of(chunk(100, 1, "7", 1, false)));
      assertThat(state(target)).isEqualTo("1 running 1 {7}");
      assertThat(Pair.text(target, "SELECT count(*) FROM brt")).isEqualTo("1");
      target.execute("UPDATE pgpipe.sink_backfills SET rows_done = 99");
      sink.apply(List.of(chunk(100, 1, "7", 1, false)));
      assertThat(state(target)).as("a replayed batch").isEqualTo("1 running 99 {7}");
      sink.apply(List.of(chunk(200, 1, "8", 2, true)));
      assertThat(state(target)).isEqualTo("1 done 2 {8}");
      assertThat(sink.requestBackfill("public.brt")).isEqualTo(2);
      sink.apply(List.of(chunk(300, 1, "9", 3, true)));
      assertThat(state(target)).as("an older request's marker").isEqualTo("2 pending 0 -");
    }
  }
}
