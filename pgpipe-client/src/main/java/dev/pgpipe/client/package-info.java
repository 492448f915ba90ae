/**
 * The pgpipe client layer: a pooled {@link dev.pgpipe.client.Database} with queries, record
 * mapping, transactions that retry serialization failures and deadlocks, and COPY streams.
 *
 * <p>Every failure surfaces as the unchecked {@link dev.pgpipe.client.PgException}, which keeps the
 * server's SQLSTATE, detail and hint. Passwords never appear in messages, logs or {@code
 * toString()}.
 */
@NullMarked
package dev.pgpipe.client;

import org.jspecify.annotations.NullMarked;
