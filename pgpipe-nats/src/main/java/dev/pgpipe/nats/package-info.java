/**
 * NATS JetStream transport for change data: one {@link dev.pgpipe.nats.TransactionPublisher} per
 * source database publishes committed transactions (whole, or as ordered chunks) to a stream; any
 * number of {@link dev.pgpipe.nats.TransactionConsumer}s apply them to targets through a {@link
 * dev.pgpipe.nats.TransactionHandler}, acknowledging only what the target made durable.
 *
 * <p>Subjects, ordering guarantees and failure behaviour are described in {@code
 * pgpipe-nats/README.md}. Failures are {@link dev.pgpipe.nats.NatsTransportException}s.
 */
@NullMarked
package dev.pgpipe.nats;

import org.jspecify.annotations.NullMarked;
