package dev.pgpipe.market;

import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Where a load stands, reported by {@link DbnLoader} now and then. Immutable.
 *
 * @param file the file being read
 * @param fileIndex its index among the files, from 0
 * @param files how many files the load has
 * @param bytesRead bytes of the files read so far (as stored: compressed bytes for zstd)
 * @param bytesTotal the size of all files together
 * @param records records decoded so far (all files)
 * @param elapsed time since the load started
 */
public record LoadProgress(
    Path file,
    int fileIndex,
    int files,
    long bytesRead,
    long bytesTotal,
    long records,
    Duration elapsed) {

  /** Records per second so far. */
  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }

  /** The time left at the rate so far; empty before the first byte. */
  public OptionalLong etaSeconds() {
    if (bytesRead <= 0 || elapsed.isZero()) {
      return OptionalLong.empty();
    }
    double bytesPerNano = (double) bytesRead / elapsed.toNanos();
    long left = Math.max(0, bytesTotal - bytesRead);
    return OptionalLong.of(Math.round(left / bytesPerNano / 1e9));
  }
}
