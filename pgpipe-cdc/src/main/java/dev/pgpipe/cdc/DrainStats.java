package dev.pgpipe.cdc;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DrainLoop}'s counters so far, all of what the sink made durable and the source was told
 * to forget: whole transactions (last parts), transactions and parts, events, batches written; the
 * source commit time of the last streamed (not snapshot) transaction written, null before one, and
 * the lag now: the age of the oldest change polled but not yet acknowledged (its source commit time
 * to now), zero when the loop is caught up and idle.
 */
public record DrainStats(
    long transactions,
    long parts,
    long events,
    long batches,
    @Nullable Instant lastCommit,
    Duration lag) {

  /** Nothing written yet. */
  public static final DrainStats NONE = new DrainStats(0, 0, 0, 0, null, Duration.ZERO);
}
