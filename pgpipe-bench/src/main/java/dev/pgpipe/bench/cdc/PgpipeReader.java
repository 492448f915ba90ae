package dev.pgpipe.bench.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cli.spi.MetricsEndpoint;
import dev.pgpipe.client.ConnectionSettings;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * pgpipe's {@link ChangeStream}: every change fully decoded into typed {@link Transaction}s, each
 * acknowledged on arrival (a no-op sink). Lag is taken per transaction from its commit time. The
 * {@linkplain #metered metered} reader serves pgpipe's metrics while it reads, to measure what they
 * cost.
 */
final class PgpipeReader implements Reader {

  private final ChangeStream stream;
  private final @Nullable MetricsEndpoint metrics;
  private final Thread thread;
  private volatile boolean stopping;

  private PgpipeReader(ChangeStream stream, @Nullable MetricsEndpoint metrics, Progress progress) {
    this.stream = stream;
    this.metrics = metrics;
    this.thread = Thread.ofPlatform().name("bench-pgpipe").start(() -> consume(progress));
  }

  static PgpipeReader start(ConnectionSettings settings, String slot, Progress progress) {
    return new PgpipeReader(ChangeStream.open(config(settings, slot)), null, progress);
  }

  /** A reader whose meters record into a served Prometheus registry until it is closed. */
  static PgpipeReader metered(ConnectionSettings settings, String slot, Progress progress) {
    MetricsEndpoint metrics = MetricsEndpoint.serve("bench-cdc");
    try {
      return new PgpipeReader(ChangeStream.open(config(settings, slot)), metrics, progress);
    } catch (RuntimeException e) {
      metrics.close();
      throw e;
    }
  }

  private static CdcConfig config(ConnectionSettings settings, String slot) {
    return CdcConfig.builder()
        .connection(settings)
        .slot(slot)
        .publication(Workload.PUBLICATION)
        .tables(List.of(Workload.TABLE))
        .snapshot(SnapshotMode.NEVER)
        .createPublication(false)
        .build();
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
      if (metrics != null) {
        metrics.close();
      }
    }
  }
}
