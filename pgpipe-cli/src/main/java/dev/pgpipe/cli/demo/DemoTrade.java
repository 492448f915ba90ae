package dev.pgpipe.cli.demo;

import dev.pgpipe.copy.EpochUnit;
import dev.pgpipe.copy.PgColumn;
import dev.pgpipe.copy.PgTable;
import dev.pgpipe.dbn.synthetic.SyntheticDbn;

/**
 * A row of {@code pgpipe demo}'s typed load: a made-up trade, mapped to {@code pgpipe_demo.trades}
 * by its components (snake_case names, Java types to PostgreSQL types, nanoseconds to timestamptz).
 */
@PgTable(schema = DemoMarket.SCHEMA, name = "trades", primaryKey = "id")
record DemoTrade(
    long id,
    @PgColumn(epoch = EpochUnit.NANOS) long tradedAt,
    int instrumentId,
    long price,
    int size,
    char side) {

  /** The trade with this id: the same on every run. */
  static DemoTrade of(long id) {
    long nanos = SyntheticDbn.START + id * 1_000;
    return new DemoTrade(
        id,
        nanos,
        (int) (id % 400) + 1,
        6_000_000_000_000L + (id * 7_919) % 1_000_000_000_000L,
        (int) (id * 104_729 % 1_000) + 1,
        id % 2 == 0 ? 'B' : 'A');
  }
}
