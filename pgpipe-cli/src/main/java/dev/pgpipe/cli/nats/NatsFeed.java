package dev.pgpipe.cli.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.DrainStats;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.nats.PublisherStats;
import dev.pgpipe.nats.TransactionPublisher;
import java.util.Locale;

/**
 * {@code pgpipe cdc --to nats://...}: the drain loop of a {@link TransactionPublisher} publishes
 * each transaction to JetStream and acknowledges it to the stream (so the slot may confirm its LSN)
 * only after JetStream stored all of it. While NATS is unreachable publishing waits and the reader
 * waits behind it. Stops on Ctrl-C or the given rules ({@code --max-transactions}, {@code
 * --idle-exit}). Progress and the summary go to the supervisor's error stream.
 */
public final class NatsFeed {

  private NatsFeed() {}

  /** Publishes until a stop condition holds; returns the exit code (0). */
  public static int run(
      CdcConfig cdc, PublisherConfig config, StopRules rules, Supervisor supervisor) {
    Outcome<DrainStats> done;
    PublisherStats stats;
    String confirmed;
    try (TransactionPublisher publisher = TransactionPublisher.connect(config);
        ChangeStream stream = ChangeStream.open(cdc)) {
      supervisor.observability().source(stream);
      supervisor.observability().bind(NatsMeters.publisher(publisher::stats));
      supervisor
          .observability()
          .component("jetstream", () -> NatsMeters.health(publisher.connectionState()));
      stream.warnings().forEach(w -> supervisor.print("warning: " + w));
      supervisor.print("publishing " + cdc + " to " + describe(config));
      done = supervisor.run(publisher.loop(stream).stopRules(rules).build());
      stats = publisher.stats();
      confirmed = Lsn.format(stream.stats().confirmedLsn());
    }
    supervisor.summary(
        done.reason(),
        String.format(
            Locale.ROOT,
            " after %,d transactions in %,d messages (%,d duplicates dropped by JetStream,"
                + " %,d retries); confirmed %s",
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
}
