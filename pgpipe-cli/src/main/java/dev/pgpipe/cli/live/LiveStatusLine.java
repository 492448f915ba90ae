package dev.pgpipe.cli.live;

import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.market.LiveStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The live status on standard error: one line redrawn in place (records, records/s since the last
 * draw, lag of the last record's ts_event behind the wall clock, gaps, rows committed), and a line
 * of its own for each event worth keeping (a session start, a gap, a gateway error or warning). Not
 * thread-safe.
 */
final class LiveStatusLine {

  private final PrintWriter err;
  private final String dataset;
  private final InstantSource clock;
  private final long intervalNanos;
  private long lastDraw;
  private long lastRecords;
  private long nextDraw;
  private int width;

  LiveStatusLine(PrintWriter err, String dataset, InstantSource clock, Duration interval) {
    this.err = err;
    this.dataset = dataset;
    this.clock = clock;
    this.intervalNanos = interval.toNanos();
    this.lastDraw = nanos();
    this.nextDraw = lastDraw + intervalNanos;
  }

  private long nanos() {
    Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  /** Redraws the line when the interval has passed since the last draw. */
  void maybeShow(Supplier<LiveStatus> status) {
    if (nanos() >= nextDraw) {
      show(status.get());
    }
  }

  /** Redraws the line now. */
  void show(LiveStatus status) {
    long now = nanos();
    double seconds = Math.max(1e-9, (now - lastDraw) / 1e9);
    double rate = (status.records() - lastRecords) / seconds;
    lastDraw = now;
    nextDraw = now + intervalNanos;
    lastRecords = status.records();
    String line = text(status, rate, status.lag(clock.instant()));
    err.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }

  String text(LiveStatus status, double rate, Optional<Duration> lag) {
    return String.format(
        Locale.ROOT,
        "live %s: %,d records, %,.0f records/s, lag %s, gaps %d, %,d rows committed",
        dataset,
        status.records(),
        rate,
        lag.map(LiveStatusLine::seconds).orElse("-"),
        status.gaps(),
        status.committed());
  }

  static String seconds(Duration d) {
    double s = d.toNanos() / 1e9;
    return Math.abs(s) < 100
        ? String.format(Locale.ROOT, "%.3f s", s)
        : String.format(Locale.ROOT, "%,d s", d.toSeconds());
  }

  /** Prints a line about an event, below the status line; ignores the routine ones. */
  void event(LiveEvent event) {
    String text =
        switch (event) {
          case LiveEvent.SessionStarted s -> "session " + s.sessionId() + " started";
          case LiveEvent.Gap g ->
              "gap: no data between "
                  + time(g.lastTsEvent())
                  + " and "
                  + time(g.resumedAt())
                  + " ("
                  + g.cause().getMessage()
                  + "; reconnected after "
                  + g.attempts()
                  + (g.attempts() == 1 ? " attempt)" : " attempts)");
          case LiveEvent.GatewayError e -> "gateway error " + e.code() + ": " + e.message();
          case LiveEvent.SlowReaderWarning w -> "gateway: slow reader: " + w.message();
          case LiveEvent.ReplayCompleted r -> "gateway: replay completed: " + r.message();
          default -> "";
        };
    if (!text.isEmpty()) {
      err.print('\r' + text + " ".repeat(Math.max(0, width - text.length())) + '\n');
      err.flush();
      width = 0;
    }
  }

  private static String time(long nanos) {
    return nanos < 0 ? "the start" : Instant.EPOCH.plusNanos(nanos).toString();
  }

  /** Ends the line, if one was drawn. */
  void end() {
    if (width > 0) {
      err.println();
      err.flush();
      width = 0;
    }
  }
}
