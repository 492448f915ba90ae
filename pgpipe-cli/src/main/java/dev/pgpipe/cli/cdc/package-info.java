/**
 * {@code pgpipe cdc} and {@code pgpipe slots}: change data capture from the command line.
 *
 * <p>{@link dev.pgpipe.cli.cdc.CdcCommand} streams committed changes as JSON envelopes ({@code
 * pgpipe-cdc/ENVELOPE.md}) to standard output and confirms a transaction to the server only after
 * its line was written and flushed. {@link dev.pgpipe.cli.cdc.SlotsCommand} lists replication slots
 * with the WAL they hold and drops one.
 */
@NullMarked
package dev.pgpipe.cli.cdc;

import org.jspecify.annotations.NullMarked;
