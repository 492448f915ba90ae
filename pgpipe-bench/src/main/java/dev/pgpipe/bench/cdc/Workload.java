package dev.pgpipe.bench.cdc;

import dev.pgpipe.client.ConnectionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;

/**
 * The benchmark's source side: a ten-column table in a publication, replication slots, and the
 * writes, 100 rows per transaction, generated on the server. Row ids grow across calls. Not
 * thread-safe; one writer.
 */
final class Workload implements AutoCloseable {

  static final String TABLE = "pgpipe_bench_cdc";
  static final String PUBLICATION = "pgpipe_bench_cdc";
  static final int ROWS_PER_TRANSACTION = 100;

  private static final String INSERT =
      "INSERT INTO "
          + TABLE
          + " SELECT g, now(), 'SYM' || (g % 500), (g % 100000) / 100.0, g % 1000,"
          + " (g % 2 = 0), 'XNAS', g * 7, md5(g::text), now()::date"
          + " FROM generate_series(?::int8, ?::int8) g";

  private final Connection connection;
  private final PreparedStatement insert;
  private long nextId = 1;

  Workload(ConnectionSettings settings) {
    this.connection = connect(settings, false);
    try {
      this.insert = connection.prepareStatement(INSERT);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare the insert: " + e.getMessage(), e);
    }
  }

  static Connection connect(ConnectionSettings settings, boolean replication) {
    Properties properties = new Properties();
    properties.putAll(settings.parameters());
    properties.setProperty("user", settings.user());
    if (!settings.password().isEmpty()) {
      properties.setProperty("password", settings.password());
    }
    properties.setProperty("ApplicationName", "pgpipe-bench-cdc");
    if (replication) {
      properties.setProperty("replication", "database");
      properties.setProperty("assumeMinServerVersion", "10");
      properties.setProperty("preferQueryMode", "simple");
    }
    try {
      return DriverManager.getConnection(settings.jdbcUrl(), properties);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to " + settings + ": " + e.getMessage(), e);
    }
  }

  /**
   * Drops what an earlier run left (the given slots, and any metrics leg's, whatever its name in
   * the version that made it), then creates table and publication.
   */
  void recreate(List<String> slots) {
    for (String slot : slots) {
      dropSlot(slot);
    }
    execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name LIKE 'pgpipe\\_bench\\_metrics%' AND NOT active");
    execute(
        "DROP PUBLICATION IF EXISTS " + PUBLICATION,
        "DROP TABLE IF EXISTS " + TABLE,
        "CREATE TABLE "
            + TABLE
            + " (id int8 PRIMARY KEY, ts timestamptz NOT NULL, symbol text NOT NULL,"
            + " price numeric(12,2) NOT NULL, qty int4 NOT NULL, buy bool NOT NULL,"
            + " venue text NOT NULL, seq int8 NOT NULL, note text, day date)",
        "CREATE PUBLICATION " + PUBLICATION + " FOR TABLE " + TABLE);
  }

  void createSlot(String slot) {
    execute("SELECT pg_create_logical_replication_slot('" + slot + "', 'pgoutput')");
  }

  /** Makes {@code copy}, a slot at the same place as {@code slot}, which is inactive. */
  void copySlot(String slot, String copy) {
    execute("SELECT pg_copy_logical_replication_slot('" + slot + "', '" + copy + "')");
  }

  void dropSlot(String slot) {
    execute(
        "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots"
            + " WHERE slot_name = '"
            + slot
            + "' AND NOT active");
  }

  /** Drops the publication and the table. */
  void dropTables() {
    execute("DROP PUBLICATION IF EXISTS " + PUBLICATION, "DROP TABLE IF EXISTS " + TABLE);
  }

  /** Writes {@code rows} rows in transactions of {@link #ROWS_PER_TRANSACTION}. */
  void write(long rows) {
    for (long done = 0; done < rows; done += ROWS_PER_TRANSACTION) {
      insert((int) Math.min(ROWS_PER_TRANSACTION, rows - done));
    }
  }

  /**
   * Writes {@code rowsPerSecond} for {@code seconds}, one transaction of 100 rows at a time on a
   * fixed schedule (no catching up in bursts when late). Returns the rows written.
   */
  long writeSteady(int rowsPerSecond, int seconds) {
    long interval = 1_000_000_000L * ROWS_PER_TRANSACTION / rowsPerSecond;
    long transactions = (long) rowsPerSecond * seconds / ROWS_PER_TRANSACTION;
    long next = System.nanoTime();
    for (long i = 0; i < transactions; i++) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      insert(ROWS_PER_TRANSACTION);
      next += interval;
    }
    return transactions * ROWS_PER_TRANSACTION;
  }

  private void insert(int rows) {
    try {
      insert.setLong(1, nextId);
      insert.setLong(2, nextId + rows - 1);
      insert.executeUpdate();
      nextId += rows;
    } catch (SQLException e) {
      throw new IllegalStateException("insert failed: " + e.getMessage(), e);
    }
  }

  void execute(String... statements) {
    try (Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage() + " (" + statements[0] + ")", e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // closing anyway
    }
  }
}
