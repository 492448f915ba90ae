package dev.pgpipe.cli.market;

import dev.pgpipe.market.LoadProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * One status line on standard error, redrawn in place: file, bytes read of the total, records,
 * records/s and the time left. Not thread-safe.
 */
public final class ProgressLine {

  private final PrintWriter err;
  private int width;

  public ProgressLine(PrintWriter err) {
    this.err = err;
  }

  public void show(LoadProgress progress) {
    show(text(progress));
  }

  /** Draws {@code line} over the previous one. */
  void show(String line) {
    err.print('\r' + line + " ".repeat(Math.max(0, width - line.length())));
    err.flush();
    width = line.length();
  }

  /** Ends the line, if one was drawn. */
  public void end() {
    if (width > 0) {
      err.println();
      err.flush();
      width = 0;
    }
  }

  static String text(LoadProgress p) {
    String eta = p.etaSeconds().isPresent() ? duration(p.etaSeconds().getAsLong()) : "--:--";
    return String.format(
        Locale.ROOT,
        "loading %s (%d/%d): %s of %s, %,d records, %,.0f records/s, ETA %s",
        p.file().getFileName(),
        p.fileIndex() + 1,
        p.files(),
        bytes(p.bytesRead()),
        bytes(p.bytesTotal()),
        p.records(),
        p.recordsPerSecond(),
        eta);
  }

  public static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }

  static String duration(long seconds) {
    return seconds >= 3600
        ? String.format(
            Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
