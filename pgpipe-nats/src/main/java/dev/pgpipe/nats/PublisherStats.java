package dev.pgpipe.nats;

/**
 * Counters of a {@link TransactionPublisher}: transactions completed (last parts published),
 * messages stored, messages JetStream reported as duplicates (re-published after a restart),
 * payload bytes, publish attempts retried, reconnections, and messages not sent because the stream
 * held them already when the publisher started (the slot sent them again).
 */
public record PublisherStats(
    long transactions,
    long messages,
    long duplicates,
    long bytes,
    long retries,
    long reconnects,
    long alreadyStored) {}
