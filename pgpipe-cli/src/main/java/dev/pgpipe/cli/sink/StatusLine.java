package dev.pgpipe.cli.sink;

import dev.pgpipe.sink.ReplicatorStats;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The live line of a replication: rows applied so far, rows per second since the previous line, the
 * lag of the last applied transaction (source commit to target commit) and dead letters. Not
 * thread-safe: one thread formats the lines.
 */
public final class StatusLine {

  private long lastEvents;
  private long lastNanos;

  /** Starts measuring at {@code nanos} ({@code System.nanoTime()}). */
  public StatusLine(long nanos) {
    this.lastNanos = nanos;
  }

  /** The line for {@code stats} taken at {@code nanos}; the rate covers the time since the last. */
  public String format(ReplicatorStats stats, long nanos) {
    double seconds = Math.max(1e-9, (nanos - lastNanos) / 1e9);
    double rate = (stats.events() - lastEvents) / seconds;
    lastEvents = stats.events();
    lastNanos = nanos;
    return String.format(
        Locale.ROOT,
        "%,d rows applied in %,d transactions, %,.0f rows/s, lag %s, %,d dead letters",
        stats.events(),
        stats.transactions(),
        rate,
        lag(stats),
        stats.deadLettered());
  }

  /**
   * What a status line adds for paused tables: nothing when none is, else {@code , paused: a, b}
   * and where to look.
   */
  public static String paused(java.util.Set<String> tables) {
    return tables.isEmpty()
        ? ""
        : ", paused: "
            + String.join(", ", new java.util.TreeSet<>(tables))
            + " (pgpipe sink status)";
  }

  /**
   * What a status line adds while a table is backfilled: nothing when none is, else {@code ,
   * backfill t: 12,000 rows in 3 chunks}.
   */
  public static String backfill(dev.pgpipe.sink.backfill.@Nullable BackfillProgress progress) {
    return progress == null
        ? ""
        : String.format(
            Locale.ROOT,
            ", backfill %s: %,d rows in %,d chunks",
            progress.table(),
            progress.rows(),
            progress.chunks());
  }

  /** The lag as {@code 120 ms} or {@code 3.4 s}; {@code -} before a streamed transaction. */
  public static String lag(ReplicatorStats stats) {
    if (stats.lastSourceCommit().getEpochSecond() == 0) {
      return "-";
    }
    Duration lag = stats.lag();
    return lag.toMillis() < 10_000
        ? lag.toMillis() + " ms"
        : String.format(Locale.ROOT, "%.1f s", lag.toMillis() / 1000.0);
  }
}
