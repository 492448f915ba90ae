/**
 * {@code pgpipe cdc}, {@code pgpipe slots} and {@code pgpipe setup-ddl-capture}: change data
 * capture from the command line.
 *
 * <p>{@link dev.pgpipe.cli.cdc.CdcCommand} streams committed changes as JSON envelopes ({@code
 * pgpipe-cdc/ENVELOPE.md}) to standard output and confirms a transaction to the server only after
 * its line was written and flushed. {@link dev.pgpipe.cli.cdc.SlotsCommand} lists replication slots
 * with the WAL they hold and drops one. {@link dev.pgpipe.cli.cdc.SetupDdlCaptureCommand} installs
 * or removes the source's DDL capture triggers ({@code dev.pgpipe.cdc.ddl.DdlCapture}).
 */
@NullMarked
package dev.pgpipe.cli.cdc;

import org.jspecify.annotations.NullMarked;
