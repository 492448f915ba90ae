/**
 * {@code pgpipe bench replicate}: PostgreSQL's own logical replication (a subscription) and {@code
 * pgpipe replicate} (the {@link dev.pgpipe.sink.Replicator}, in process) side by side on the same
 * WAL backlog, for an OLTP mix, bulk transactions and upserts, then at a steady rate for lag.
 */
@NullMarked
package dev.pgpipe.bench.replicate;

import org.jspecify.annotations.NullMarked;
