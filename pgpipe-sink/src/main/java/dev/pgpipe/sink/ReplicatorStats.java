package dev.pgpipe.sink;

import java.time.Duration;
import java.time.Instant;

/**
 * A {@link Replicator}'s counters so far: transactions (or parts) and events committed to the
 * target, batches, events skipped as already applied, dead letters, the source commit time of the
 * last applied transaction and the lag behind it (source commit → target commit, at that commit).
 */
public record ReplicatorStats(
    long transactions,
    long events,
    long batches,
    long skipped,
    long deadLettered,
    Instant lastSourceCommit,
    Duration lag) {}
