/**
 * {@code pgpipe replicate} and {@code pgpipe buffer}: change data applied to a target PostgreSQL
 * exactly once through the table sink of {@code pgpipe-sink}.
 *
 * <p>{@link dev.pgpipe.cli.sink.ReplicateCommand} snapshots and streams a source straight into a
 * target, confirming LSNs only after the target committed; {@link
 * dev.pgpipe.cli.sink.BufferCommand} drains the durable change buffer that {@code pgpipe cdc --to
 * buffer} fills and shows its backlog. Target settings come from {@code POSTGRES_OUTPUT_*}, buffer
 * settings from {@code PGPIPE_BUFFER_*}; flags override both.
 */
@NullMarked
package dev.pgpipe.cli.sink;

import org.jspecify.annotations.NullMarked;
