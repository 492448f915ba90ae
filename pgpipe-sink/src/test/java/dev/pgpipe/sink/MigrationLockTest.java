package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * A sink and a buffer starting together on one database both create pgpipe's schema: without the
 * shared {@link MigrationLock} one of them fails now and then with a unique violation on {@code
 * pg_namespace} (seen as {@code cdc --to buffer} dying at start beside {@code buffer}).
 */
@WithPostgres
class MigrationLockTest {

  private static final int ROUNDS = 12;

  @Test
  void sinkAndBufferCreatingTheSameSchemaTogetherBothSucceed(TestDatabase target) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try (Database db = Database.open(target.url())) {
      for (int round = 0; round < ROUNDS; round++) {
        String schema = "migrate_race_" + round;
        CyclicBarrier start = new CyclicBarrier(3);
        List<CompletableFuture<Void>> starts =
            List.of(
                CompletableFuture.runAsync(() -> sink(db, schema, start), pool),
                CompletableFuture.runAsync(() -> buffer(db, schema, start), pool),
                CompletableFuture.runAsync(() -> sink(db, schema, start), pool));
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        assertThat(tables(db, schema))
            .as("round %d", round)
            .contains("sink_ledger", "sink_dead_letters", "cdc_events");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void sink(Database db, String schema, CyclicBarrier start) {
    await(start);
    TableSink.using(db, SinkConfig.builder().sourceId("race").schema(schema).build());
  }

  private static void buffer(Database db, String schema, CyclicBarrier start) {
    await(start);
    new ChangeBuffer(db, BufferConfig.defaults().withSchema(schema)).migrate();
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> tables(Database db, String schema) {
    return db.sql("SELECT table_name FROM information_schema.tables WHERE table_schema = ?", schema)
        .map(r -> r.getString(1))
        .list();
  }
}
