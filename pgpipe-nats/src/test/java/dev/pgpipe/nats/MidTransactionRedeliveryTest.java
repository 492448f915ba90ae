package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The handler fails in the middle of transactions sent in several chunks, before and after the sink
 * committed the chunk, and on a last chunk the sink committed: each transaction is delivered again
 * from its first chunk, the ledger skips what was applied, and the target ends equal to the source.
 * The fetch wait is so short that messages of a pull often arrive after its fetch returned and wait
 * in the client for the next one, behind the failure.
 */
@WithPostgres
class MidTransactionRedeliveryTest {

  @Test
  void failuresInTheMiddleOfTransactionsAreRedeliveredFromTheirStart(TestDatabase source)
      throws Exception {
    TestDatabase target = Pipes.target("midredeliver");
    MixedWorkload.createTables(source, target);
    MixedWorkload workload = MixedWorkload.seeded();
    CdcConfig.Builder cdc = SmallParts.source(source, "midredeliver", SnapshotMode.NEVER);
    AtomicReference<ConsumerStats> stats = new AtomicReference<>();
    try (NatsServer nats = Pipes.nats();
        TableSink sink = TableSink.open(Pipes.sink(target, "midredeliver", MixedWorkload.TABLES));
        Background publisher = SmallParts.publishing(cdc, nats.url())) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "midredeliver"));
      source.execute(workload.boundaries(SmallParts.PART_SIZE).toArray(String[]::new));
      source.execute(MixedWorkload.end());
      Flaky flaky = new Flaky(new TransactionSinkHandler(sink, false));
      ConsumerConfig config =
          Pipes.consumer(nats.url(), "midredeliver")
              .fetchBatch(3)
              .fetchWait(Duration.ofMillis(2))
              .build();
      try (Background consumer = SmallParts.consuming(config, flaky, stats)) {
        SmallParts.awaitEnd(target, publisher, consumer);
      }
      assertThat(flaky.failed.get()).as("failures injected").isEqualTo(Flaky.FAILURES);
      workload.assertSameRows(source, target);
      assertThat(sink.deadLetters()).isZero();
    }
    assertThat(stats.get().deadLetters()).isZero();
    assertThat(stats.get().failures()).isGreaterThanOrEqualTo(Flaky.FAILURES);
  }

  /**
   * Fails chunk 2 of the first transactions sent in more than three chunks, alternately before and
   * after the sink applied it, and once a last chunk after the sink applied it; each only once.
   */
  private static final class Flaky implements TransactionHandler {

    static final int FAILURES = 7;

    private final TransactionHandler sink;
    private final Set<String> done = new HashSet<>();
    private final AtomicInteger failed = new AtomicInteger();
    private boolean lastFailed;

    Flaky(TransactionHandler sink) {
      this.sink = sink;
    }

    @Override
    public void accept(String source, Transaction part) throws Exception {
      boolean middle = part.part() == 2 && !part.lastPart();
      boolean last = !lastFailed && part.lastPart() && part.part() >= 2 && failed.get() > 2;
      String key = part.commitLsn() + ":" + part.part();
      if (failed.get() >= FAILURES || !(middle || last) || !done.add(key)) {
        sink.accept(source, part);
        return;
      }
      int n = failed.incrementAndGet();
      if (last || n % 2 == 0) {
        sink.accept(source, part);
      }
      lastFailed |= last;
      throw new IllegalStateException("injected failure " + n + " at " + part);
    }

    @Override
    public void abort() {
      sink.abort();
    }
  }
}
