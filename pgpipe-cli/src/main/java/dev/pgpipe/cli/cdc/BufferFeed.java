package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.DrainStats;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopRules;
import dev.pgpipe.cdc.StreamStats;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferFeeder;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import java.util.Locale;

/**
 * {@code pgpipe cdc --to buffer}: the change stream written into the durable change buffer ({@code
 * <PGPIPE_BUFFER_SCHEMA>.cdc_events}, created when missing) by the drain loop of a {@link
 * BufferFeeder}. A transaction is confirmed to the source only after the buffer transaction holding
 * it committed; a replay after a crash is not buffered twice. The loop stops on Ctrl-C, {@code
 * --max-transactions} or {@code --idle-exit}, after which what was polled is written and confirmed.
 */
final class BufferFeed {

  private final BufferConfig bufferConfig;

  BufferFeed(BufferConfig bufferConfig) {
    this.bufferConfig = bufferConfig;
  }

  /** Streams {@code config} into the buffer in {@code bufferDb} as source {@code sourceId}. */
  int run(
      CdcConfig config,
      ConnectionSettings bufferDb,
      String sourceId,
      StopRules rules,
      Supervisor supervisor) {
    try (Database db =
        Database.builder().settings(bufferDb).maxSize(2).name("pgpipe-buffer").open()) {
      ChangeBuffer buffer = new ChangeBuffer(db, bufferConfig);
      buffer.migrate();
      BufferFeeder feeder = new BufferFeeder(buffer, sourceId);
      ChangeStream stream =
          ChangeStream.open(config.resumedBy(buffer.holdsStreamedChanges(sourceId)));
      supervisor.observability().source(stream);
      supervisor.observability().watch("target", db);
      Outcome<DrainStats> done;
      try {
        stream.warnings().forEach(w -> supervisor.print("warning: " + w));
        supervisor.print("streaming " + config + " into the buffer as " + sourceId);
        done = supervisor.run(feeder.loop(stream).stopRules(rules).build());
      } finally {
        stream.close();
      }
      StreamStats stats = stream.stats();
      supervisor.summary(
          done.reason(),
          String.format(
              Locale.ROOT,
              " after %,d transactions, %,d events; %,d new events buffered; confirmed %s",
              stats.deliveredTransactions(),
              stats.deliveredEvents(),
              feeder.written(),
              Lsn.format(stats.confirmedLsn())));
      return 0;
    }
  }
}
