/**
 * Change data capture from PostgreSQL: every committed change of the published tables, read from a
 * logical replication slot ({@code pgoutput}), grouped into {@link dev.pgpipe.cdc.Transaction}s of
 * {@link dev.pgpipe.cdc.ChangeEvent}s, after an optional consistent initial snapshot.
 *
 * <p>Entry points: {@link dev.pgpipe.cdc.ChangeStream} (poll transactions, acknowledge them),
 * {@link dev.pgpipe.cdc.CdcConfig} (built once, from code or {@code POSTGRES_INPUT_*}), {@link
 * dev.pgpipe.cdc.Slots} (list with lag, drop). The one loop of every long-running path is {@link
 * dev.pgpipe.cdc.DrainLoop}: a {@link dev.pgpipe.cdc.TransactionSource} (a change stream) drained
 * into a {@link dev.pgpipe.cdc.TransactionSink} that returns once a batch is durable, stopped by
 * {@link dev.pgpipe.cdc.StopRules}; {@link dev.pgpipe.cdc.StdoutSink} (JSON lines) is one such
 * sink, the buffer, JetStream and the table sink are others. {@link dev.pgpipe.cdc.JobRunner} runs
 * such a {@link dev.pgpipe.cdc.Job} on its own thread while the caller watches it. Failures are
 * {@link dev.pgpipe.cdc.CdcException}s that keep SQLSTATE, slot and LSN.
 */
@NullMarked
package dev.pgpipe.cdc;

import org.jspecify.annotations.NullMarked;
