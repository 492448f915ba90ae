package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.CapturedLogs;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.proxy.FaultProxy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a batch did to the target is logged once it is known to have committed: when the COMMIT's
 * acknowledgement is lost, the batch applied again finds the ledger covering it, and the lines of
 * the attempt that did commit are written then, once.
 */
@WithPostgres
class CommitNoticesTest {

  @Test
  void aPauseWhoseCommitAcknowledgementWasLostIsWarnedOfOnce_andKnownAsPaused(TestDatabase db) {
    db.execute("DROP TABLE IF EXISTS t, absent", "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    db.execute("CREATE TABLE t (id int8 PRIMARY KEY, v text, n int4)");
    try (FaultProxy proxy = FaultProxy.start("localhost", db.port());
        TableSink sink =
            TableSink.open(
                SinkConfig.builder()
                    .url("postgres://" + db.user() + "@localhost:" + proxy.port() + "/" + db.name())
                    .sourceId("lost_commit")
                    .createTables(false)
                    .build());
        CapturedLogs logs = CapturedLogs.start()) {
      sink.apply(List.of(new Events("t", 0x10).insert(0, "a", 0).tx()));
      proxy.cutWhenServerSends(FaultProxy.POSTGRES_COMMIT_COMPLETE);

      ApplyResult result =
          sink.apply(
              List.of(
                  new Events("absent", 0x20).insert(1, "x", 1).tx(),
                  new Events("t", 0x30).insert(2, "b", 2).tx()));

      assertThat(proxy.cuts()).isEqualTo(1);
      assertThat(result.skipped()).isEqualTo(result.events()); // the first attempt committed
      assertThat(sink.pausedTables()).containsExactly("public.absent");
      assertThat(logs.warnings())
          .filteredOn(line -> line.startsWith("table public.absent paused"))
          .hasSize(1);
      assertThat(db.strings("SELECT string_agg(id || v, ',' ORDER BY id) FROM t"))
          .containsExactly("0a,2b");
    }
  }
}
