package dev.pgpipe.cdc;

/**
 * Counters of a {@link ChangeStream}: transactions (completed ones, not parts) and events handed
 * out, the LSN last confirmed to the server, reconnections, and transactions or parts handed out
 * but not yet acknowledged.
 */
public record StreamStats(
    long deliveredTransactions,
    long deliveredEvents,
    long confirmedLsn,
    long reconnects,
    int outstanding) {}
