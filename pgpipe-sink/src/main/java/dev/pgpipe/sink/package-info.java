/**
 * Applies change events of {@code pgpipe-cdc} to a target PostgreSQL exactly once.
 *
 * <p>Entry points: {@link dev.pgpipe.sink.TableSink} (apply batches of transactions set-based, with
 * a ledger in the same transaction), {@link dev.pgpipe.sink.SinkConfig} (built once, from code or
 * {@code POSTGRES_OUTPUT_*}), {@link dev.pgpipe.sink.Replicator} (source slot straight into the
 * sink, no broker). Failures are unchecked {@link dev.pgpipe.sink.SinkException}s or the client's
 * {@link dev.pgpipe.client.PgException}s. The guarantee and its conditions are in {@code
 * pgpipe-sink/GUARANTEES.md}.
 */
@NullMarked
package dev.pgpipe.sink;

import org.jspecify.annotations.NullMarked;
