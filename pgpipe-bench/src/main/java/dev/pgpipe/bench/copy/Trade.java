package dev.pgpipe.bench.copy;

import dev.pgpipe.copy.EpochUnit;
import dev.pgpipe.copy.PgColumn;
import dev.pgpipe.copy.PgTable;

/**
 * One row of the benchmark's market-data trades table: two timestamptz (nanoseconds since the UNIX
 * epoch, whole microseconds so every loading path stores the same instant), four int8, two int4 and
 * two char(1).
 */
@PgTable(name = Trades.TABLE)
public record Trade(
    @PgColumn(epoch = EpochUnit.NANOS) long tsEvent,
    @PgColumn(epoch = EpochUnit.NANOS) long tsRecv,
    long instrumentId,
    long price,
    long size,
    long sequence,
    int flags,
    int depth,
    char action,
    char side) {}
