package dev.pgpipe.sink.backfill;

import dev.pgpipe.client.Backoff;
import java.time.Duration;

/**
 * How the backfiller paces reading the same chunk again because a commit stays invisible ({@link
 * ChunkOutcome.CommitNotVisible}). A commit is normally visible a moment after its record is in the
 * WAL, so the first {@value #AT_ONCE} reads again go at once; after that the commit is stuck (most
 * likely waiting for a synchronous standby that does not answer) and the reads wait between them,
 * from 10 ms doubling to at most 1 s, and the operator is warned, on the first wait and then every
 * {@value #WARN_EVERY} reads. Pure.
 */
final class RereadPacing {

  /** Reads again without waiting. */
  static final int AT_ONCE = 3;

  /** Reads again between two warnings once waiting (about a minute at the longest wait). */
  static final int WARN_EVERY = 60;

  private static final Backoff WAITS =
      Backoff.exponential(Duration.ofMillis(10), Duration.ofSeconds(1));

  private RereadPacing() {}

  /** The wait before reading the chunk again for the {@code reread}-th time in a row (from 1). */
  static Duration delay(int reread) {
    requirePositive(reread);
    return reread <= AT_ONCE ? Duration.ZERO : WAITS.delayAfter(reread - AT_ONCE);
  }

  /** Whether the {@code reread}-th read again in a row (from 1) is worth a warning. */
  static boolean warns(int reread) {
    requirePositive(reread);
    return reread > AT_ONCE && (reread - AT_ONCE - 1) % WARN_EVERY == 0;
  }

  private static void requirePositive(int reread) {
    if (reread < 1) {
      throw new IllegalArgumentException("rereads count from 1: " + reread);
    }
  }
}
