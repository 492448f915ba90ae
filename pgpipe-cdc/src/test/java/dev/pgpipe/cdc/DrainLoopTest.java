package dev.pgpipe.cdc;

import static dev.pgpipe.cdc.ScriptedSource.tx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ScriptedSource.Behind;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The drain loop against a scripted in-memory source and a recording sink, on a fake ticker. */
class DrainLoopTest {

  private static final Duration MS = Duration.ofMillis(1);

  private final FakeTicker ticker = new FakeTicker();
  private final List<String> log = new ArrayList<>();
  private final RecordingSink sink = new RecordingSink(log);

  private ScriptedSource finite(List<Object> script) {
    return new ScriptedSource(ticker, log, script, true);
  }

  /** Runs a loop over an endless source (it never finishes) until {@code rules} stop it. */
  private Outcome<DrainStats> runUntil(List<Object> script, StopRules rules, long batchEvents) {
    return DrainLoop.builder(new ScriptedSource(ticker, log, script, false), sink)
        .batchEvents(batchEvents)
        .stopRules(rules)
        .ticker(ticker)
        .build()
        .run();
  }

  private static List<Object> ready(int count) {
    return LongStream.rangeClosed(1, count).mapToObj(i -> (Object) tx(i * 10)).toList();
  }

  private static List<Integer> sizes(List<List<Transaction>> batches) {
    return batches.stream().map(List::size).toList();
  }

  @Test
  void writesABatchOnceItHoldsTheEventLimit() {
    Outcome<DrainStats> result =
        DrainLoop.builder(finite(ready(7)), sink).batchEvents(3).ticker(ticker).build().run();

    assertThat(sizes(sink.batches)).containsExactly(3, 3, 1);
    assertThat(result.reason()).isEqualTo(StopReason.FINISHED);
    assertThat(result.stats().transactions()).isEqualTo(7);
    assertThat(result.stats().batches()).isEqualTo(3);
  }

  @Test
  void writesABatchOnceItHoldsThePartLimit() {
    DrainLoop.builder(finite(ready(5)), sink).batchParts(2).ticker(ticker).build().run();

    assertThat(sizes(sink.batches)).containsExactly(2, 2, 1);
  }

  @Test
  void writesABatchOnceItHoldsTheByteLimit() {
    String text = "a".repeat(100);
    List<Object> script =
        List.of(tx(10, 1, text), tx(20, 1, text), tx(30, 1, text), tx(40, 1, text));
    long oneTransaction = EventBytes.of(tx(10, 1, text));
    assertThat(oneTransaction).isGreaterThanOrEqualTo(100 + EventBytes.PER_EVENT);

    DrainLoop.builder(finite(script), sink)
        .batchBytes(2 * oneTransaction)
        .ticker(ticker)
        .build()
        .run();

    assertThat(sizes(sink.batches)).containsExactly(2, 2);
  }

  @Test
  void writesABatchWhenItsFirstTransactionWaitedTheFlushInterval() {
    List<Object> script = new ArrayList<>();
    for (long i = 1; i <= 12; i++) {
      script.add(tx(i * 10));
      script.add(MS.multipliedBy(10));
    }

    DrainLoop.builder(finite(script), sink)
        .flushInterval(MS.multipliedBy(50))
        .pollTimeouts(MS.multipliedBy(200), MS.multipliedBy(20))
        .ticker(ticker)
        .build()
        .run();

    assertThat(sizes(sink.batches)).containsExactly(6, 6);
  }

  @Test
  void writesWhatItHasAsSoonAsTheSourceHasNothingReady() {
    List<Object> script = List.of(tx(10), tx(20), MS.multipliedBy(500), tx(30));

    DrainLoop.builder(finite(script), sink).batchEvents(100).ticker(ticker).build().run();

    assertThat(sizes(sink.batches)).containsExactly(2, 1);
  }

  @Test
  void fillsItsBatchWhileTheSourceHasABacklogAndWritesOnceTheSourceCaughtUp() {
    Behind moment = new Behind(MS.multipliedBy(3));
    List<Object> script =
        List.of(tx(10), moment, tx(20), moment, tx(30), MS.multipliedBy(500), tx(40), tx(50));

    DrainLoop.builder(finite(script), sink).batchEvents(100).ticker(ticker).build().run();

    assertThat(sizes(sink.batches)).containsExactly(3, 2);
  }

  /** How long the moment lasts, in the tests below, that a source still reports a backlog. */
  private static final Duration MOMENT = MS.dividedBy(10);

  /**
   * Runs a loop with {@code linger} over one transaction followed by a {@link #MOMENT} of backlog,
   * then nothing for long, then a second; returns when each batch was written, from the start.
   */
  private List<Duration> writesAfterAMomentOfBacklog(Duration linger) {
    List<Object> script = List.of(tx(10), new Behind(MOMENT), MS.multipliedBy(500), tx(20));
    long start = ticker.nanoTime();
    List<Duration> writtenAt = new ArrayList<>();
    DrainLoop.builder(
            finite(script), batch -> writtenAt.add(Duration.ofNanos(ticker.nanoTime() - start)))
        .batchEvents(100)
        .pollTimeouts(MS.multipliedBy(200), linger)
        .ticker(ticker)
        .build()
        .run();
    return writtenAt;
  }

  /**
   * A caught-up source's reader reports a backlog for a moment after each transaction (until it
   * finds nothing more): the loop writes the transaction about one slice after that moment ends,
   * not after the whole {@link DrainLoop#BACKLOG_POLL}.
   */
  @Test
  void aTransactionAloneIsWrittenOnceTheBacklogEnds_notAWholeBacklogPollLater() {
    List<Duration> writtenAt = writesAfterAMomentOfBacklog(Duration.ZERO);

    assertThat(writtenAt).hasSize(2);
    assertThat(writtenAt.get(0))
        .isLessThanOrEqualTo(MOMENT.plus(DrainLoop.BACKLOG_SLICE))
        .isLessThan(DrainLoop.BACKLOG_POLL);
  }

  /** The same, with a linger shorter than the backlog's poll: the batch still waits the linger. */
  @Test
  void aBacklogThatEndsEarlyStillLetsTheBatchWaitItsLinger() {
    Duration linger = MS.dividedBy(2);
    List<Duration> writtenAt = writesAfterAMomentOfBacklog(linger);

    assertThat(writtenAt).hasSize(2);
    assertThat(writtenAt.get(0)).isGreaterThanOrEqualTo(linger).isLessThan(DrainLoop.BACKLOG_POLL);
  }

  /** A transaction that comes during that linger joins the batch. */
  @Test
  void aTransactionThatComesDuringTheLingerJoinsTheBatch() {
    List<Object> script = List.of(tx(10), new Behind(MOMENT), MS.dividedBy(5), tx(20));

    DrainLoop.builder(finite(script), sink)
        .batchEvents(100)
        .pollTimeouts(MS.multipliedBy(200), MS.dividedBy(2))
        .ticker(ticker)
        .build()
        .run();

    assertThat(sizes(sink.batches)).containsExactly(2);
  }

  @Test
  void aBacklogStillEndsTheBatchAtItsLimitsAndItsFlushInterval() {
    Behind moment = new Behind(MS.multipliedBy(40));
    List<Object> script = List.of(tx(10), moment, tx(20), moment, tx(30), moment, tx(40), tx(50));

    DrainLoop.builder(finite(script), sink)
        .batchEvents(100)
        .flushInterval(MS.multipliedBy(70))
        .ticker(ticker)
        .build()
        .run();

    assertThat(sizes(sink.batches)).containsExactly(2, 3);
  }

  @Test
  void stopsAfterTheMaximumTransactionsAndWritesWhatItPolled() {
    StopRules rules = new StopRules(() -> false, 4, null, null, ticker);

    Outcome<DrainStats> result = runUntil(ready(10), rules, 3);

    assertThat(result.reason()).isEqualTo(StopReason.MAX_TRANSACTIONS);
    assertThat(sizes(sink.batches)).containsExactly(3, 1);
    assertThat(result.stats().transactions()).isEqualTo(4);
  }

  @Test
  void stopsAfterTheMaximumDuration() {
    List<Object> script = List.of(tx(10), MS.multipliedBy(900), tx(20), MS.multipliedBy(900));
    StopRules rules = new StopRules(() -> false, 0, null, Duration.ofSeconds(1), ticker);

    Outcome<DrainStats> result = runUntil(script, rules, Long.MAX_VALUE);

    assertThat(result.reason()).isEqualTo(StopReason.MAX_DURATION);
    assertThat(result.stats().transactions()).isEqualTo(2);
  }

  @Test
  void stopsWhenNothingCameForTheIdleLimit() {
    List<Object> script = List.of(tx(10), MS.multipliedBy(400), tx(20));
    StopRules rules = new StopRules(() -> false, 0, Duration.ofSeconds(1), null, ticker);

    Outcome<DrainStats> result = runUntil(script, rules, Long.MAX_VALUE);

    assertThat(result.reason()).isEqualTo(StopReason.IDLE);
    assertThat(result.stats().transactions()).isEqualTo(2);
    assertThat(log).endsWith("wrote 20", "ack 20");
  }

  @Test
  void stopsOnRequestOfItsRules() {
    List<Object> script = new ArrayList<>(ready(3));
    StopRules rules = StopRules.onRequest(() -> sink.held.size() >= 2, ticker);

    Outcome<DrainStats> result = runUntil(script, rules, 1);

    assertThat(result.reason()).isEqualTo(StopReason.INTERRUPTED);
    assertThat(sink.held).hasSize(2);
  }

  @Test
  void stopFromAnotherThreadWritesAndAcknowledgesWhatWasPolledThenReturns() {
    ScriptedSource source = new ScriptedSource(ticker, log, ready(6), false);
    DrainLoop loop = DrainLoop.builder(source, sink).batchEvents(4).ticker(ticker).build();
    sink.onWrite = loop::stop;

    Outcome<DrainStats> result = loop.run();

    assertThat(result.reason()).isEqualTo(StopReason.INTERRUPTED);
    assertThat(sizes(sink.batches)).containsExactly(4);
    assertThat(source.acknowledged()).hasSize(4);
    assertThat(loop.stats().transactions()).isEqualTo(4);
  }

  @ParameterizedTest(name = "interrupted at poll {0}: batches {1}")
  @CsvSource({"4, 4", "6, 4 2"}) // at 4 the batch is full at once, at 6 it is half full
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // the loop spun forever
  void anInterruptOfItsThreadStopsItLikeStop_andItsLastBatchIsWrittenWithTheInterruptCleared(
      int poll, String batches) {
    ScriptedSource script = new ScriptedSource(ticker, log, ready(9), false);
    List<Boolean> interruptedInWrite = new ArrayList<>();
    sink.onWrite = () -> interruptedInWrite.add(Thread.currentThread().isInterrupted());

    Outcome<DrainStats> result =
        DrainLoop.builder(interruptingAtPoll(poll, script), sink)
            .batchEvents(4)
            .ticker(ticker)
            .build()
            .run();

    assertThat(result.reason()).isEqualTo(StopReason.INTERRUPTED);
    assertThat(Thread.currentThread().isInterrupted()).as("honoured, so cleared").isFalse();
    assertThat(sizes(sink.batches))
        .containsExactlyElementsOf(
            java.util.Arrays.stream(batches.split(" ")).map(Integer::valueOf).toList());
    assertThat(interruptedInWrite).doesNotContain(true);
    assertThat(script.acknowledged()).hasSize(poll);
  }

  @Test
  @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLastWriteThatFailsAfterAnInterrupt_throws_andPutsTheInterruptBack() {
    ScriptedSource script = new ScriptedSource(ticker, log, ready(9), false);
    int[] writes = {0};
    sink.onWrite = () -> sink.failAfter = ++writes[0] == 2 ? 0 : -1;
    DrainLoop loop =
        DrainLoop.builder(interruptingAtPoll(6, script), sink)
            .batchEvents(4)
            .ticker(ticker)
            .build();

    assertThatThrownBy(loop::run).hasMessageContaining("target unreachable");
    boolean putBack = Thread.interrupted();

    assertThat(putBack).as("so that a caller that retries still sees the request").isTrue();
    assertThat(script.acknowledged()).hasSize(4);
  }

  /** {@code source}, whose {@code n}th poll also interrupts the polling thread. */
  private static TransactionSource interruptingAtPoll(int n, TransactionSource source) {
    return new TransactionSource() {
      private int polls;

      @Override
      public @Nullable Transaction poll(Duration timeout) {
        Transaction tx = source.poll(timeout);
        if (++polls == n) {
          Thread.currentThread().interrupt();
        }
        return tx;
      }

      @Override
      public void acknowledge(Transaction transaction) {
        source.acknowledge(transaction);
      }

      @Override
      public boolean isFinished() {
        return source.isFinished();
      }

      @Override
      public boolean hasBacklog() {
        return source.hasBacklog();
      }
    };
  }

  @Test
  void acknowledgesATransactionOnlyAfterTheWriteHoldingItReturned() {
    ScriptedSource source = finite(ready(9));
    DrainLoop.builder(source, sink).batchEvents(4).ticker(ticker).build().run();

    assertThat(source.acknowledged()).hasSize(9);
    for (Transaction tx : source.acknowledged()) {
      assertThat(log.indexOf("wrote " + tx.endLsn()))
          .as("write of %s before its acknowledgement", tx)
          .isNotNegative()
          .isLessThan(log.indexOf("ack " + tx.endLsn()));
    }
  }

  @Test
  void aFailedWriteAcknowledgesNothingOfItsBatchAndARestartHoldsEverythingOnce() {
    List<Object> script = ready(10);
    ScriptedSource first = finite(script);
    // the second batch of 4 keeps 2 transactions, then the target goes away
    sink.onWrite = () -> sink.failAfter = sink.batches.size() == 1 ? 2 : sink.failAfter;

    assertThatThrownBy(
            () -> DrainLoop.builder(first, sink).batchEvents(4).ticker(ticker).build().run())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("target unreachable");

    assertThat(first.acknowledged())
        .extracting(Transaction::endLsn)
        .containsExactly(10L, 20L, 30L, 40L);
    assertThat(sink.held).hasSize(6);
    assertThat(log).doesNotContain("ack 50", "ack 60");

    sink.onWrite = () -> {};
    ScriptedSource second = first.reopen();
    Outcome<DrainStats> result =
        DrainLoop.builder(second, sink).batchEvents(4).ticker(ticker).build().run();

    assertThat(result.reason()).isEqualTo(StopReason.FINISHED);
    assertThat(sink.held)
        .containsExactlyElementsOf(script.stream().map(Transaction.class::cast).toList());
    assertThat(second.acknowledged())
        .extracting(Transaction::endLsn)
        .startsWith(50L)
        .endsWith(100L);
  }

  @Test
  void aSourceThatFinishedBecauseItFailedIsThrownAfterWhatItHandedOutIsWrittenAndAcknowledged() {
    ScriptedSource delivered = finite(ready(2));
    CdcException failure = new CdcException("slot s1 was dropped", null, "s1", 20, null);
    TransactionSource failing =
        new TransactionSource() {
          @Override
          public @Nullable Transaction poll(Duration timeout) {
            if (delivered.isFinished()) {
              throw failure;
            }
            return delivered.poll(timeout);
          }

          @Override
          public void acknowledge(Transaction transaction) {
            delivered.acknowledge(transaction);
          }

          @Override
          public boolean isFinished() {
            return delivered.isFinished();
          }
        };

    assertThatThrownBy(() -> DrainLoop.builder(failing, sink).ticker(ticker).build().run())
        .isSameAs(failure);

    assertThat(sink.held).extracting(Transaction::endLsn).containsExactly(10L, 20L);
    assertThat(log).endsWith("ack 10", "ack 20");
  }

  @Test
  void countsWhatWasWritten_andTheLagIsTheOldestPendingChangeWhileWriting_thenZeroCaughtUp() {
    Instant now = Instant.EPOCH.plusSeconds(30 + 2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Duration> lagWhileWriting = new ArrayList<>();
    DrainLoop[] running = new DrainLoop[1];
    DrainLoop loop =
        DrainLoop.builder(
                finite(ready(3)),
                batch -> {
                  lagWhileWriting.add(running[0].stats().lag());
                  lagWhileWriting.add(
                      Duration.ofSeconds(
                          (long) registry.get("pgpipe_cdc_lag_seconds").gauge().value()));
                  ticker.advance(Duration.ofMillis(7));
                  sink.write(batch);
                })
            .ticker(ticker)
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .meters(registry, Tags.of("slot", "s1"))
            .build();
    running[0] = loop;

    DrainStats stats = loop.run().stats();

    assertThat(lagWhileWriting)
        .as("the first of the batch committed at 10 s")
        .containsExactly(Duration.ofSeconds(22), Duration.ofSeconds(22));
    assertThat(stats)
        .as("caught up: lag 0")
        .isEqualTo(new DrainStats(3, 3, 3, 1, Instant.EPOCH.plusSeconds(30), Duration.ZERO));
    assertThat(loop.stats()).isEqualTo(stats);
    double events =
        registry.find("pgpipe_cdc_events").tag("slot", "s1").counters().stream()
            .mapToDouble(c -> c.count())
            .sum();
    assertThat(events).isEqualTo(3);
    assertThat(registry.get("pgpipe_cdc_transactions").counter().count()).isEqualTo(3);
    assertThat(registry.get("pgpipe_cdc_batches").counter().count()).isEqualTo(1);
    assertThat(registry.get("pgpipe_cdc_write").timer().totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(7);
    assertThat(registry.find("pgpipe_cdc_lag_seconds").gauge())
        .as("the gauge goes with the loop")
        .isNull();
  }

  @Test
  void theLagGaugeIsZeroBeforeAnything_andTheAgeOfThePolledChangeWhileItIsPending() {
    List<Object> script = new ArrayList<>(ready(1));
    script.add(new ScriptedSource.Behind(Duration.ofMillis(5)));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    List<Double> lags = new ArrayList<>();
    ScriptedSource source = new ScriptedSource(ticker, log, script, false);
    DrainLoop loop =
        DrainLoop.builder(source, sink)
            .ticker(ticker)
            .clock(Clock.fixed(Instant.EPOCH.plusSeconds(15), ZoneOffset.UTC))
            .meters(registry, Tags.empty())
            .stopRules(
                StopRules.onRequest(
                    () -> {
                      lags.add(registry.get("pgpipe_cdc_lag_seconds").gauge().value());
                      return lags.size() > 3;
                    },
                    ticker))
            .build();

    loop.run();

    assertThat(lags).first().isEqualTo(0.0);
    assertThat(lags).as("committed at 10 s, polled, not yet written").contains(5.0);
  }

  @Test
  void rejectsLimitsThatCannotWork() {
    assertThatThrownBy(() -> DrainLoop.builder(finite(List.of()), sink).batchEvents(0))
        .hasMessage("batchEvents must be > 0: 0");
    assertThatThrownBy(() -> new StopRules(() -> false, -1, null, null, ticker))
        .hasMessage("--max-transactions must be >= 0: -1");
    assertThatThrownBy(() -> new StopRules(() -> false, 0, Duration.ZERO, null, ticker))
        .hasMessage("--idle-exit must be > 0: PT0S");
  }
}
