package dev.pgpipe.bench.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.ConnectionSettings;
import java.time.Duration;
import java.util.List;

/**
 * pgpipe's {@link ChangeStream}: every change fully decoded into typed {@link Transaction}s, each
 * acknowledged on arrival (a no-op sink). Lag is taken per transaction from its commit time.
 */
final class PgpipeReader implements Reader {

  private final ChangeStream stream;
  private final Thread thread;
  private volatile boolean stopping;

  private PgpipeReader(ChangeStream stream, Progress progress) {
    this.stream = stream;
    this.thread = Thread.ofPlatform().name("bench-pgpipe").start(() -> consume(progress));
  }

  static PgpipeReader start(ConnectionSettings settings, String slot, Progress progress) {
    CdcConfig config =
        CdcConfig.builder()
            .connection(settings)
            .slot(slot)
            .publication(Workload.PUBLICATION)
            .tables(List.of(Workload.TABLE))
            .snapshot(SnapshotMode.NEVER)
            .createPublication(false)
            .build();
    return new PgpipeReader(ChangeStream.open(config), progress);
  }

  private void consume(Progress progress) {
    try {
      while (!stopping && !stream.isFinished()) {
        Transaction tx = stream.poll(Duration.ofMillis(100));
        if (tx != null) {
          progress.delivered(tx.size(), Progress.epochMicros(tx.commitTime()));
          stream.acknowledge(tx);
        }
      }
    } catch (RuntimeException e) {
      progress.fail("pgpipe: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stream.close();
    }
  }
}
