package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import io.nats.client.api.StreamInfoOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Source → JetStream → table sink, with a snapshot, every operation and multi-table transactions.
 */
@WithPostgres
class EndToEndTest {

  @Test
  void targetEqualsSourceAfterSnapshotAndChangesThroughJetStream(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("e2e");
    for (TestDatabase db : List.of(source, target)) {
      db.execute(
          "CREATE TABLE a (id int PRIMARY KEY, v text, n numeric(12,2), at timestamptz)",
          "CREATE TABLE b (id bigint PRIMARY KEY, tags text[], doc jsonb)");
    }
    source.execute(
        "INSERT INTO a SELECT g, 'snap ' || g, g / 3.0, now() FROM generate_series(1, 500) g");
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "e2e", List.of("a", "b")));
        Background publisher = Pipes.publishing(source, "e2e", SnapshotMode.INITIAL, nats.url());
        Background consumer =
            Pipes.consuming(
                Pipes.consumer(nats.url(), "e2e").build(),
                new TransactionSinkHandler(sink, false))) {
      Await.until(
          "snapshot applied", Duration.ofSeconds(60), () -> Pipes.count(target, "a") == 500);
      source.execute(
          "INSERT INTO a VALUES (1001, 'one', 1.5, now())",
          "UPDATE a SET v = 'changed' WHERE id <= 100",
          "DELETE FROM a WHERE id > 400 AND id <= 500",
          "INSERT INTO b VALUES (1, ARRAY['x','y'], '{\"k\": [1, 2]}')",
          "BEGIN; INSERT INTO a VALUES (2001, 'multi', 2, now());"
              + " UPDATE b SET tags = ARRAY['z'] WHERE id = 1;"
              + " INSERT INTO b VALUES (2, NULL, NULL); COMMIT");
      Await.until(
          "target equals source",
          Duration.ofSeconds(60),
          () -> {
            publisher.check();
            consumer.check();
            return same(source, target, "a") && same(source, target, "b");
          });
      try (Connection c = Nats.connect(nats.url())) {
        StreamInfo info =
            c.jetStreamManagement()
                .getStreamInfo(StreamSettings.DEFAULT_NAME, StreamInfoOptions.allSubjects());
        Map<String, Long> subjects = info.getStreamState().getSubjectMap();
        assertThat(subjects)
            .containsOnlyKeys("pgpipe.src.public.a", "pgpipe.src.public.b", "pgpipe.src._tx")
            .containsEntry("pgpipe.src._tx", 1L)
            .as("b's snapshot, empty, sends its mark on b's subject; then b's insert")
            .containsEntry("pgpipe.src.public.b", 2L);
      }
    }
  }

  private static boolean same(TestDatabase source, TestDatabase target, String table) {
    return Pipes.checksum(source, table).equals(Pipes.checksum(target, table));
  }
}
