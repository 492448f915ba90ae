package dev.pgpipe.bench.nats;

import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.List;

/**
 * The source and target databases of {@code bench nats}, created fresh on the chosen server: one
 * table per path in each. A source row carries its transaction id and the transaction's start time
 * ({@code written_at}); the target adds {@code applied_at}, the server clock when the sink wrote
 * the row, so lag is measured on one clock for both paths. {@link #close()} drops the slots and
 * both databases.
 */
final class BenchDatabases implements AutoCloseable {

  static final String SOURCE_DB = "pgpipe_bench_nats_src";
  static final String TARGET_DB = "pgpipe_bench_nats_dst";

  private final ConnectionSettings admin;
  private final List<String> slots;
  private final Database source;
  private final Database target;

  private BenchDatabases(ConnectionSettings admin, List<String> slots) {
    this.admin = admin;
    this.slots = List.copyOf(slots);
    this.source = open(admin.withDatabase(SOURCE_DB));
    this.target = open(admin.withDatabase(TARGET_DB));
  }

  /**
   * Drops what a previous run left (the databases and the named slots on the source database),
   * creates both databases and the tables in each.
   */
  static BenchDatabases create(ConnectionSettings admin, List<String> tables, List<String> slots) {
    dropAll(admin, slots);
    try (Database db = open(admin)) {
      db.sql("CREATE DATABASE " + SOURCE_DB).update();
      db.sql("CREATE DATABASE " + TARGET_DB).update();
    }
    BenchDatabases dbs = new BenchDatabases(admin, slots);
    for (String table : tables) {
      dbs.source
          .sql(
              "CREATE TABLE "
                  + table
                  + " (id bigint PRIMARY KEY, v text NOT NULL,"
                  + " tx bigint NOT NULL DEFAULT txid_current(),"
                  + " written_at timestamptz NOT NULL DEFAULT now())")
          .update();
      dbs.target
          .sql(
              "CREATE TABLE "
                  + table
                  + " (id bigint PRIMARY KEY, v text NOT NULL, tx bigint NOT NULL,"
                  + " written_at timestamptz NOT NULL,"
                  + " applied_at timestamptz NOT NULL DEFAULT clock_timestamp())")
          .update();
    }
    return dbs;
  }

  ConnectionSettings sourceSettings() {
    return admin.withDatabase(SOURCE_DB);
  }

  ConnectionSettings targetSettings() {
    return admin.withDatabase(TARGET_DB);
  }

  Database source() {
    return source;
  }

  /** Whether the replication slot exists on the server. */
  boolean slotExists(String slot) {
    return Slots.list(admin).stream().anyMatch(s -> s.name().equals(slot));
  }

  /** Rows of {@code table} in the target. */
  long targetRows(String table) {
    return target.sql("SELECT count(*) FROM " + table).scalar(Long.class);
  }

  /**
   * Lag per transaction (last row applied − transaction start on the source), as seconds: p50, p99,
   * max; and the seconds from the first source write to the last target write; of the rows with ids
   * up to {@code lastId} (the workload's, not the warm-up's).
   */
  double[] lagAndSpan(String table, long lastId) {
    String sql =
        "WITH per_tx AS (SELECT extract(epoch FROM max(applied_at) - min(written_at))::float8 AS lag"
            + " FROM "
            + table
            + " WHERE id <= "
            + lastId
            + " GROUP BY tx)"
            + " SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lag) || ','"
            + " || percentile_cont(0.99) WITHIN GROUP (ORDER BY lag) || ',' || max(lag) || ','"
            + " || (SELECT extract(epoch FROM max(applied_at) - min(written_at))::float8 FROM "
            + table
            + " WHERE id <= "
            + lastId
            + ") FROM per_tx";
    String[] parts = target.sql(sql).scalar(String.class).split(",");
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = Double.parseDouble(parts[i]);
    }
    return values;
  }

  /** The source's current WAL position. */
  String currentLsn() {
    return source.sql("SELECT pg_current_wal_lsn()::text").scalar(String.class);
  }

  /** Whether {@code slot} confirmed everything up to {@code lsn}. */
  boolean slotConfirmed(String slot, String lsn) {
    Boolean done =
        source
            .sql(
                "SELECT coalesce(confirmed_flush_lsn >= ?::pg_lsn, false) FROM pg_replication_slots"
                    + " WHERE slot_name = ?",
                lsn,
                slot)
            .scalar(Boolean.class);
    return Boolean.TRUE.equals(done);
  }

  private static Database open(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(1).name("bench-nats").open();
  }

  private static void dropAll(ConnectionSettings admin, List<String> slots) {
    for (SlotInfo slot : Slots.list(admin)) {
      if (slots.contains(slot.name()) && slot.database().equals(SOURCE_DB)) {
        Slots.drop(admin, slot.name(), true);
      }
    }
    try (Database db = open(admin)) {
      db.sql("DROP DATABASE IF EXISTS " + SOURCE_DB + " WITH (FORCE)").update();
      db.sql("DROP DATABASE IF EXISTS " + TARGET_DB + " WITH (FORCE)").update();
    }
  }

  @Override
  public void close() {
    source.close();
    target.close();
    dropAll(admin, slots);
  }
}
