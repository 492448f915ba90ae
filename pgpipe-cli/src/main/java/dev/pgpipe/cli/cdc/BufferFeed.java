package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.StreamStats;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.buffer.BufferConfig;
import dev.pgpipe.sink.buffer.BufferFeeder;
import dev.pgpipe.sink.buffer.ChangeBuffer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * {@code pgpipe cdc --to buffer}: the change stream written into the durable change buffer ({@code
 * <PGPIPE_BUFFER_SCHEMA>.cdc_events}, created when missing). A transaction is confirmed to the
 * source only after the buffer transaction holding it committed; a replay after a crash is not
 * buffered twice. The feeder runs on its own thread; the calling thread decides when to stop
 * (Ctrl-C, {@code --max-transactions}, {@code --idle-exit}), after which what was polled is written
 * and confirmed.
 */
final class BufferFeed {

  private static final Duration TICK = Duration.ofMillis(200);

  private final BufferConfig bufferConfig;
  private final StopConditions stop;
  private final long maxTransactions;
  private final @Nullable Duration idleExit;

  BufferFeed(
      BufferConfig bufferConfig,
      StopConditions stop,
      long maxTransactions,
      @Nullable Duration idleExit) {
    this.bufferConfig = bufferConfig;
    this.stop = stop;
    this.maxTransactions = maxTransactions;
    this.idleExit = idleExit;
  }

  /** Streams {@code config} into the buffer in {@code bufferDb} as source {@code sourceId}. */
  int run(CdcConfig config, ConnectionSettings bufferDb, String sourceId, PrintWriter err) {
    try (Database db =
        Database.builder().settings(bufferDb).maxSize(2).name("pgpipe-buffer").open()) {
      ChangeBuffer buffer = new ChangeBuffer(db, bufferConfig);
      buffer.migrate();
      ChangeStream stream =
          ChangeStream.open(config.resumedBy(buffer.holdsStreamedChanges(sourceId)));
      BufferFeeder feeder = new BufferFeeder(stream, buffer, sourceId);
      String reason;
      try {
        stream.warnings().forEach(w -> err.println("pgpipe cdc: warning: " + w));
        err.println("pgpipe cdc: streaming " + config + " into the buffer as " + sourceId);
        err.flush();
        reason = feed(stream, feeder);
      } finally {
        stream.close();
      }
      StreamStats stats = stream.stats();
      err.printf(
          "pgpipe cdc: %s after %,d transactions, %,d events; %,d new events buffered;"
              + " confirmed %s%n",
          reason,
          stats.deliveredTransactions(),
          stats.deliveredEvents(),
          feeder.written(),
          Lsn.format(stats.confirmedLsn()));
      err.flush();
      return 0;
    }
  }

  private String feed(ChangeStream stream, BufferFeeder feeder) {
    CompletableFuture<Void> running =
        CompletableFuture.runAsync(
            feeder::run, task -> Thread.ofPlatform().name("pgpipe-feeder").daemon().start(task));
    long lastCount = -1;
    long lastChange = System.nanoTime();
    String reason = "finished";
    while (!finished(running, TICK)) {
      long count = stream.stats().deliveredTransactions();
      long now = System.nanoTime();
      if (count != lastCount) {
        lastCount = count;
        lastChange = now;
      }
      Duration idle = idleExit;
      if (stop.getAsBoolean()) {
        reason = "stopped (interrupted)";
      } else if (maxTransactions > 0 && count >= maxTransactions) {
        reason = "stopped (max-transactions)";
      } else if (idle != null && now - lastChange >= idle.toNanos()) {
        reason = "stopped (idle)";
      } else {
        continue;
      }
      feeder.close();
      break;
    }
    finished(running, Duration.ofSeconds(60));
    return reason;
  }

  private static boolean finished(CompletableFuture<Void> running, Duration wait) {
    try {
      running.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException("feeding the buffer failed", e.getCause());
    }
  }
}
