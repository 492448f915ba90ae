package dev.pgpipe.cli.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.StopRules;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.nats.PublisherStats;
import dev.pgpipe.nats.TransactionPublisher;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe cdc --to nats://...}: reads the change stream and publishes each transaction to
 * JetStream, acknowledging it to the stream (so the slot may confirm its LSN) only after JetStream
 * stored all of it. While NATS is unreachable publishing waits and the reader waits behind it.
 * Stops on {@code interrupted} (Ctrl-C), after {@code maxTransactions} (0: no limit), or when no
 * transaction came for {@code idleExit} (null: never). Progress and the summary go to {@code err}.
 */
public final class NatsFeed {

  private static final Duration POLL = Duration.ofMillis(200);

  private NatsFeed() {}

  /** Publishes until a stop condition holds; returns the exit code (0). */
  public static int run(
      CdcConfig cdc,
      PublisherConfig config,
      BooleanSupplier interrupted,
      long maxTransactions,
      @Nullable Duration idleExit,
      PrintWriter err) {
    StopRules stop = new StopRules(interrupted, maxTransactions, idleExit, null, System::nanoTime);
    PublisherStats stats;
    String confirmed;
    try (TransactionPublisher publisher = TransactionPublisher.connect(config);
        ChangeStream stream = ChangeStream.open(cdc)) {
      stream.warnings().forEach(w -> print(err, "warning: " + w));
      print(err, "publishing " + cdc + " to " + describe(config));
      stats = publisher.stats();
      while (!stop.stop(stats.transactions(), stats.messages()) && !stream.isFinished()) {
        Transaction tx = stream.poll(POLL);
        if (tx != null) {
          publisher.publish(tx);
          stream.acknowledge(tx);
        }
        stats = publisher.stats();
      }
      confirmed = Lsn.format(stream.stats().confirmedLsn());
    }
    String reason = stop.reason();
    print(
        err,
        String.format(
            Locale.ROOT,
            "%s after %,d transactions in %,d messages (%,d duplicates dropped by JetStream,"
                + " %,d retries); confirmed %s",
            reason == null ? "finished" : "stopped (" + reason + ")",
            stats.transactions(),
            stats.messages(),
            stats.duplicates(),
            stats.retries(),
            confirmed));
    return 0;
  }

  private static String describe(PublisherConfig config) {
    return String.format(
        Locale.ROOT,
        "%s.%s.> (stream %s) on %s",
        config.subjects().prefix(),
        config.source(),
        config.stream().name(),
        NatsOptions.describe(config.nats()));
  }

  private static void print(PrintWriter err, String line) {
    err.println("pgpipe cdc: " + line);
    err.flush();
  }
}
