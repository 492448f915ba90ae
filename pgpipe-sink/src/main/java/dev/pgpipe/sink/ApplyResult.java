package dev.pgpipe.sink;

/**
 * What one {@link TableSink#apply} did.
 *
 * @param events change events handed in
 * @param skipped events at or below the ledger's position (applied before a restart)
 * @param ignored events of tables outside the whitelist
 * @param deadLettered events the target refused, now in the dead-letter table
 * @param position the ledger's position after the commit
 */
public record ApplyResult(
    long events, long skipped, long ignored, long deadLettered, Position position) {}
