package dev.pgpipe.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Test wiring for transactions in several reader parts and chunks: parts of {@link #PART_SIZE}
 * events, chunks of at most {@link #CHUNK_BYTES} (a handful of {@link MixedWorkload} events), so
 * that small workloads straddle both.
 */
final class SmallParts {

  static final int PART_SIZE = 16;
  static final int CHUNK_BYTES = 4096;

  private SmallParts() {}

  static CdcConfig.Builder source(TestDatabase db, String slot, SnapshotMode snapshot) {
    CdcConfig.Builder cdc = Pipes.source(db, slot, snapshot);
    cdc.tuning().maxEventsPerPart(PART_SIZE);
    return cdc;
  }

  static PublisherConfig.Builder publisher(String natsUrl) {
    return Pipes.publisher(natsUrl).maxChunkBytes(CHUNK_BYTES);
  }

  /** A publisher of {@code cdc} with small chunks, on its own thread. */
  static Background publishing(CdcConfig.Builder cdc, String natsUrl) {
    return Background.start(
        "publisher",
        stop -> TransactionPublisher.run(cdc.build(), publisher(natsUrl).build(), stop::get));
  }

  /** A consumer on its own thread; its stats land in {@code stats} when it stops. */
  static Background consuming(
      ConsumerConfig config, TransactionHandler handler, AtomicReference<ConsumerStats> stats) {
    return Background.start(
        "consumer", stop -> stats.set(TransactionConsumer.run(config, handler, stop::get)));
  }

  /** Waits for the script's last transaction in the target, failing with a loop's failure. */
  static void awaitEnd(TestDatabase target, Background... loops) {
    Await.until(
        "the last transaction in the target",
        Duration.ofSeconds(90),
        () -> {
          for (Background loop : loops) {
            loop.check();
          }
          return MixedWorkload.ended(target);
        });
  }
}
