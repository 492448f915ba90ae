package dev.pgpipe.bench.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.SqlLiteral;
import dev.pgpipe.copy.BatchWriter;
import dev.pgpipe.copy.CopyWriter;
import dev.pgpipe.copy.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The ways the benchmark loads the same trades into {@link Trades#TABLE}, each returning the rows
 * the load reported. The table must exist and be empty; each call is one timed load.
 */
final class Loads {

  static final String LEDGER = "bench_copy_ledger";

  private static final Table<Trade> TABLE = Table.of(Trade.class);
  private static final int INSERT_BATCH = 10_000;

  private Loads() {}

  /** pgpipe's typed binary COPY on one connection ({@link CopyWriter}). */
  static long pgpipeOne(Database db, Trade[] rows) {
    try (CopyWriter<Trade> copy = CopyWriter.open(db, TABLE)) {
      for (Trade row : rows) {
        copy.write(row);
      }
      return copy.finish().rows();
    }
  }

  /** pgpipe's {@link BatchWriter} on {@code connections} connections, with its batch ledger. */
  static long pgpipeMany(Database db, Trade[] rows, int connections) {
    BatchWriter<Trade> writer =
        BatchWriter.builder(db, TABLE)
            .connections(connections)
            .ledger(LEDGER, "bench-" + UUID.randomUUID())
            .open();
    try (writer) {
      for (Trade row : rows) {
        writer.write(row);
      }
    }
    return writer.stats().rows();
  }

  /** pgjdbc's {@code CopyManager.copyIn} fed CSV built with a StringBuilder ({@link CsvReader}). */
  static long csvText(Database db, Trade[] rows) {
    String sql = "COPY " + Trades.TABLE + " (" + Trades.COLUMNS + ") FROM STDIN (FORMAT csv)";
    return db.withJdbcConnection(
        connection -> {
          try (CsvReader csv = new CsvReader(rows)) {
            return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql, csv);
          } catch (IOException e) {
            throw new UncheckedIOException("streaming CSV to COPY failed", e);
          }
        });
  }

  /**
   * JDBC batched INSERT: {@code db} must connect with {@code reWriteBatchedInserts=true}; a batch
   * of {@value #INSERT_BATCH} rows per {@code executeBatch}, autocommit.
   */
  static long insertBatched(Database db, Trade[] rows) {
    String sql =
        "INSERT INTO " + Trades.TABLE + " (" + Trades.COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?)";
    return db.withJdbcConnection(
        connection -> {
          long inserted = 0;
          try (PreparedStatement insert = connection.prepareStatement(sql)) {
            for (int i = 0; i < rows.length; i++) {
              bind(insert, rows[i]);
              insert.addBatch();
              if ((i + 1) % INSERT_BATCH == 0 || i == rows.length - 1) {
                inserted += sumOf(insert.executeBatch());
              }
            }
          }
          return inserted;
        });
  }

  private static void bind(PreparedStatement insert, Trade row) throws SQLException {
    insert.setObject(1, utc(row.tsEvent()));
    insert.setObject(2, utc(row.tsRecv()));
    insert.setLong(3, row.instrumentId());
    insert.setLong(4, row.price());
    insert.setLong(5, row.size());
    insert.setLong(6, row.sequence());
    insert.setInt(7, row.flags());
    insert.setInt(8, row.depth());
    insert.setString(9, String.valueOf(row.action()));
    insert.setString(10, String.valueOf(row.side()));
  }

  private static OffsetDateTime utc(long epochNanos) {
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(0, epochNanos), ZoneOffset.UTC);
  }

  private static long sumOf(int[] counts) {
    long sum = 0;
    for (int count : counts) {
      // a rewritten multi-row INSERT reports SUCCESS_NO_INFO for each of its rows
      sum += count == Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
    }
    return sum;
  }

  /** The server reading a binary file on its own disk (superuser or pg_read_server_files). */
  static long serverFile(Database db, String serverPath) {
    return db.sql(
            "COPY "
                + Trades.TABLE
                + " ("
                + Trades.COLUMNS
                + ") FROM "
                + SqlLiteral.quote(serverPath)
                + " (FORMAT binary)")
        .update();
  }

  /** Writes the table to a binary file on the server's disk with PostgreSQL's own COPY TO. */
  static long exportFile(Database db, String serverPath) {
    return db.sql(
            "COPY "
                + Trades.TABLE
                + " ("
                + Trades.COLUMNS
                + ") TO "
                + SqlLiteral.quote(serverPath)
                + " (FORMAT binary)")
        .update();
  }
}
