package dev.pgpipe.bench.nats;

import dev.pgpipe.bench.Background;
import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.nats.ConsumerStats;
import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.sink.SinkConfig;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The backlog drain of {@code bench nats}: the publisher alone stores {@code transactions} in the
 * stream (the slot confirms past the last of them), then it stops and the sink starts on the full
 * stream; measured is how fast the sink empties it: rows/s from its start to the last row in the
 * target.
 *
 * @param seconds from the sink's start until the target held every row
 */
record BacklogRun(long transactions, long rows, double seconds, String note) {

  double rowsPerSecond() {
    return seconds <= 0 ? 0 : rows / seconds;
  }

  static BacklogRun measure(
      PathRunner runner,
      BenchDatabases dbs,
      String table,
      String slot,
      NatsSettings nats,
      String name,
      int transactions,
      int rows) {
    CdcConfig source = Pipelines.source(dbs.sourceSettings(), table, slot);
    SinkConfig target = Pipelines.sink(dbs.targetSettings(), table, name);
    AtomicLong published = new AtomicLong();
    try (Background publisher = BrokerPipeline.publisher(source, nats, name, published)) {
      Pipelines.Running running = running(publisher);
      runner.await("backlog: slot " + slot, running, () -> dbs.slotExists(slot));
      runner.write(dbs.source(), table, 0, 0, transactions - 1);
      String end = dbs.currentLsn(); // the last transaction commits after it
      runner.write(dbs.source(), table, 0, transactions - 1, 1);
      runner.say("backlog: %,d transactions written; publishing them to JetStream", transactions);
      runner.await("backlog: all in the stream", running, () -> dbs.slotConfirmed(slot, end));
    }
    AtomicReference<@Nullable ConsumerStats> consumed = new AtomicReference<>();
    long expected = (long) transactions * rows;
    long start = System.nanoTime();
    try (Background consumer = BrokerPipeline.consumer(target, nats, name, consumed)) {
      runner.await(
          "backlog: " + expected + " rows in the target",
          running(consumer),
          () -> dbs.targetRows(table) >= expected);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    ConsumerStats stats = consumed.get();
    String note =
        stats == null
            ? "-"
            : String.format(
                java.util.Locale.ROOT,
                "%,d tx in %,d messages drained",
                stats.transactions(),
                stats.messages());
    return new BacklogRun(transactions, expected, seconds, note);
  }

  private static Pipelines.Running running(Background thread) {
    return new Pipelines.Running() {
      @Override
      public void check() {
        thread.check();
      }

      @Override
      public String note() {
        return "";
      }

      @Override
      public void close() {
        thread.close();
      }
    };
  }
}
