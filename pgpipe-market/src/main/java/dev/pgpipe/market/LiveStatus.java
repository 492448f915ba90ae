package dev.pgpipe.market;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.live.LiveEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a {@link LiveLoad} stands. Immutable.
 *
 * @param records data records received, including those that go to no table
 * @param rows records written to tables (handed to their writers)
 * @param committed rows the tables' writers committed so far
 * @param lastTsEvent {@code ts_event} of the last market record, ns since the epoch ({@link
 *     Dbn#UNDEF_TIMESTAMP} before the first)
 * @param gaps how many times the connection dropped and records went missing
 * @param lastGap the latest of those gaps, or null
 * @param sessions sessions started: 1 plus the reconnections
 * @param elapsed time since the live load started
 */
public record LiveStatus(
    long records,
    long rows,
    long committed,
    long lastTsEvent,
    long gaps,
    LiveEvent.@Nullable Gap lastGap,
    int sessions,
    Duration elapsed) {

  /** Records per second since the start. */
  public double recordsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : records / seconds;
  }

  /** How far {@code now} is past the last record's {@code ts_event}; empty before the first. */
  public Optional<Duration> lag(Instant now) {
    if (lastTsEvent == Dbn.UNDEF_TIMESTAMP) {
      return Optional.empty();
    }
    Instant event = Instant.EPOCH.plusNanos(lastTsEvent);
    return Optional.of(Duration.between(event, now));
  }
}
