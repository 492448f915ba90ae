package dev.pgpipe.nats;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Counters of a {@link TransactionConsumer}: transactions applied (snapshot parts not counted),
 * messages handed to the handler, events in them, dead letters sent, failures (handler refusals and
 * unexpected messages), redeliveries skipped, and the commit time of the last transaction applied
 * (null before the first).
 */
public record ConsumerStats(
    long transactions,
    long messages,
    long events,
    long deadLetters,
    long failures,
    long skipped,
    @Nullable Instant lastCommitTime) {}
