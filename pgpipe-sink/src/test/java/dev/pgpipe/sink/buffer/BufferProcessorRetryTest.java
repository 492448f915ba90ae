package dev.pgpipe.sink.buffer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.sink.Events;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link BufferProcessor#run()} on a fake clock: a failing batch waits {@link
 * BufferProcessor#RETRY}'s delays, a working one the flush interval; the sleeper stops the run by
 * being interrupted, as Ctrl-C would.
 */
@WithPostgres
class BufferProcessorRetryTest {

  private static final Duration FLUSH = Duration.ofSeconds(7);

  @Test
  void aFailingBatchIsRetriedWithTheBackoffsDelaysThenTheFlushIntervalRuns(TestDatabase db) {
    try (Database pool = Database.open(db.url())) {
      ChangeBuffer buffer =
          new ChangeBuffer(
              pool,
              BufferConfig.defaults()
                  .withSchema("buf_retry")
                  .withBatchSize(100)
                  .withFlushInterval(FLUSH));
      buffer.migrate();
      buffer.write("s", List.of(new Events("t", 1).insert(1, "a", 1).insert(2, "b", 2).tx()));
      AtomicInteger calls = new AtomicInteger();
      BufferHandler failsTwice =
          events -> {
            if (calls.incrementAndGet() <= 2) {
              throw new IllegalStateException("target busy");
            }
          };
      List<Duration> waits = new ArrayList<>();
      long[] now = {0};
      Ticker ticker = () -> now[0];
      Sleeper sleeper =
          d -> {
            waits.add(d);
            now[0] += d.toNanos();
            if (d.equals(FLUSH)) {
              throw new InterruptedException("stop");
            }
          };

      new BufferProcessor(buffer, "s", failsTwice, true, ticker, sleeper).run();
      assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();

      assertThat(calls.get()).isEqualTo(3);
      assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), FLUSH);
      assertThat(buffer.status().backlog()).isZero();
      assertThat(buffer.status().deadLetters()).isZero();
    }
  }
}
