/**
 * A durable queue of change events in PostgreSQL: table {@code cdc_events}, written with COPY,
 * shared by workers with {@code FOR UPDATE SKIP LOCKED}, drained by a {@link
 * dev.pgpipe.sink.buffer.BufferProcessor} that retries failures and then moves them to a
 * dead-letter table.
 *
 * <p>Entry points: {@link dev.pgpipe.sink.buffer.ChangeBuffer} (migrate, write, claim, status,
 * cleanup), {@link dev.pgpipe.sink.buffer.BufferFeeder} (the buffer as a drain loop's sink, LSNs
 * confirmed after the buffer's commit), {@link dev.pgpipe.sink.buffer.BufferProcessor} with {@link
 * dev.pgpipe.sink.buffer.SinkHandler} (the buffer into a table sink), {@link
 * dev.pgpipe.sink.buffer.BufferConfig} ({@code PGPIPE_BUFFER_*}).
 */
@NullMarked
package dev.pgpipe.sink.buffer;

import org.jspecify.annotations.NullMarked;
