package dev.pgpipe.cli.demo;

import java.util.Locale;

/**
 * Measures the steps of a command: time since the last lap, printed for people. Not thread-safe.
 */
final class Stopwatch {

  private long lapStart;

  private Stopwatch(long now) {
    this.lapStart = now;
  }

  static Stopwatch start() {
    return new Stopwatch(System.nanoTime());
  }

  /** Seconds since the current lap began. */
  double seconds() {
    return (System.nanoTime() - lapStart) / 1e9;
  }

  /** Ends the lap: its length as "850 ms" or "2.41 s"; the next lap begins now. */
  String lap() {
    long now = System.nanoTime();
    double millis = (now - lapStart) / 1e6;
    lapStart = now;
    return millis < 1_000
        ? String.format(Locale.ROOT, "%.0f ms", millis)
        : String.format(Locale.ROOT, "%.2f s", millis / 1_000);
  }
}
