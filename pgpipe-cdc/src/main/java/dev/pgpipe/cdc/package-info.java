/**
 * Change data capture from PostgreSQL: every committed change of the published tables, read from a
 * logical replication slot ({@code pgoutput}), grouped into {@link dev.pgpipe.cdc.Transaction}s of
 * {@link dev.pgpipe.cdc.ChangeEvent}s, after an optional consistent initial snapshot.
 *
 * <p>Entry points: {@link dev.pgpipe.cdc.ChangeStream} (poll transactions, acknowledge them),
 * {@link dev.pgpipe.cdc.CdcConfig} (built once, from code or {@code POSTGRES_INPUT_*}), {@link
 * dev.pgpipe.cdc.Slots} (list with lag, drop), {@link dev.pgpipe.cdc.StdoutSink} (JSON lines).
 * Failures are {@link dev.pgpipe.cdc.CdcException}s that keep SQLSTATE, slot and LSN.
 */
@NullMarked
package dev.pgpipe.cdc;

import org.jspecify.annotations.NullMarked;
