package dev.pgpipe.market;

import java.time.Duration;

/**
 * Where a fetch stands, reported about every progress interval on the loading thread.
 *
 * @param request the request being loaded, from 0
 * @param requests how many requests the fetch was split into
 * @param bytes compressed bytes received so far
 * @param records records decoded so far
 * @param rowsCommitted rows committed to the tables so far
 * @param elapsed since the fetch began
 */
public record FetchProgress(
    int request, int requests, long bytes, long records, long rowsCommitted, Duration elapsed) {

  /** Records per second since the fetch began. */
  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }
}
