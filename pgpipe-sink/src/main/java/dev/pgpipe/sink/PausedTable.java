package dev.pgpipe.sink;

import java.time.Instant;

/**
 * A table the sink of {@code sourceId} paused: why (column by column), at which source LSN, since
 * when, and how many of its changes are held for {@link TableSink#resume}. Immutable.
 */
public record PausedTable(
    String sourceId, String table, String reason, String lsn, Instant pausedAt, long held) {}
