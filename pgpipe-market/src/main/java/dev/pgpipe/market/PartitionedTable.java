package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.Table;

/**
 * Creates a market table as a native range-partitioned table on its key timestamp and its
 * partitions as rows arrive ({@link #ensure}), each with {@code CREATE TABLE IF NOT EXISTS ...
 * PARTITION OF}, so several loaders may race. Remembers the last partition it made sure of, so the
 * catalog is touched once per partition boundary crossed. Not thread-safe (the loading thread).
 */
final class PartitionedTable {

  private final Database db;
  private final Table<?> table;
  private final String keyColumn;
  private final Partitioning partitioning;
  private Partitioning.Bounds last = new Partitioning.Bounds(0, 0, "");

  PartitionedTable(Database db, Table<?> table, String keyColumn, Partitioning partitioning) {
    this.db = db;
    this.table = table;
    this.keyColumn = keyColumn;
    this.partitioning = partitioning;
  }

  /**
   * Creates the partitioned parent table if missing.
   *
   * @throws IllegalStateException when a table of that name exists and is not partitioned
   */
  void createParent() {
    db.sql(table.createSql() + " PARTITION BY RANGE (" + Identifier.quote(keyColumn) + ")")
        .update();
    boolean partitioned =
        db.sql(
                "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table"
                    + " WHERE partrelid = CAST(:name AS regclass))")
            .bind("name", table.qualifiedName())
            .scalar(Boolean.class);
    if (!partitioned) {
      throw new IllegalStateException(
          table.qualifiedName()
              + " exists and is not partitioned: --partition needs a new table (load into"
              + " another --schema-prefix, or leave out --partition)");
    }
  }

  /** Makes sure the partition for key time {@code ns} exists before a row of that time is sent. */
  void ensure(long ns) {
    if (last.contains(ns)) {
      return;
    }
    Partitioning.Bounds bounds = partitioning.boundsOf(ns);
    String partition = Identifier.quote(table.schema(), table.name() + bounds.suffix());
    db.sql(
            "CREATE TABLE IF NOT EXISTS "
                + partition
                + " PARTITION OF "
                + table.qualifiedName()
                + " FOR VALUES FROM ("
                + bounds.fromNs()
                + ") TO ("
                + bounds.toNs()
                + ")")
        .update();
    last = bounds;
  }
}
