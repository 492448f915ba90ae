package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.client.Identifier;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The target's record of backfills, {@code <schema>.sink_backfills}: one row per source id and
 * table with the {@link BackfillProgress} of its latest request and its state. A request ({@code
 * pgpipe backfill --table}, or {@code replicate} finding a table new to its {@code --tables}) sets
 * the row back to {@code pending}; the progress marker that ends each chunk in the stream moves it,
 * in the transaction that applies the chunk's rows and the ledger ({@link #record}), so rows,
 * progress and position commit or vanish together. Stateless SQL; thread-safe.
 */
public final class BackfillTable {

  /** Prefix of the progress marker that ends a chunk's rows in the stream. */
  public static final String PROGRESS_PREFIX = "pgpipe.backfill.progress";

  private static final String COLUMNS =
      "source_id, table_name, request, last_key, rows_done, chunks, state, error, requested_at,"
          + " updated_at";

  private final String table;

  public BackfillTable(String schema) {
    this.table = Identifier.quote(schema, "sink_backfills");
  }

  public String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (source_id text NOT NULL, table_name text NOT NULL, request int8 NOT NULL,"
        + " last_key text[], rows_done int8 NOT NULL DEFAULT 0, chunks int8 NOT NULL DEFAULT 0,"
        + " state text NOT NULL, error text, requested_at timestamptz NOT NULL DEFAULT now(),"
        + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (source_id, table_name))";
  }

  /**
   * Asks for a backfill of {@code label} ({@code schema.name}) from the start; a running one of the
   * same table starts over. Returns the request's number.
   */
  public long request(Connection c, String sourceId, String label) throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " AS b (source_id, table_name, request, state) VALUES (?, ?, 1, 'pending')"
            + " ON CONFLICT (source_id, table_name) DO UPDATE SET request = b.request + 1,"
            + " last_key = NULL, rows_done = 0, chunks = 0, state = 'pending', error = NULL,"
            + " requested_at = now(), updated_at = now() RETURNING request";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, sourceId);
      s.setString(2, label);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Every backfill of {@code sourceId} (of every source when null), by source and table. */
  public List<BackfillState> list(Connection c, @Nullable String sourceId) throws SQLException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + table
            + (sourceId == null ? "" : " WHERE source_id = ?")
            + " ORDER BY source_id, requested_at, table_name";
    List<BackfillState> states = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement(sql)) {
      if (sourceId != null) {
        s.setString(1, sourceId);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          states.add(state(rs));
        }
      }
    }
    return states;
  }

  private static BackfillState state(ResultSet rs) throws SQLException {
    Array key = rs.getArray(4);
    List<String> lastKey = key == null ? null : Arrays.asList((String[]) key.getArray());
    BackfillProgress progress =
        new BackfillProgress(
            rs.getString(2),
            rs.getLong(3),
            lastKey,
            rs.getLong(5),
            rs.getLong(6),
            rs.getString(7).equals("done"));
    return new BackfillState(
        rs.getString(1),
        progress,
        rs.getString(7),
        rs.getString(8),
        rs.getTimestamp(9).toInstant(),
        rs.getTimestamp(10).toInstant());
  }

  /**
   * Stores the progress markers among {@code events} for {@code sourceId}, in the caller's
   * transaction. A marker of an older request than the row's is ignored (the table was asked for
   * again meanwhile).
   */
  public void record(Connection c, String sourceId, List<ChangeEvent> events) throws SQLException {
    for (ChangeEvent event : events) {
      LogicalMessage message = event.message();
      if (event.operation() == Operation.MESSAGE
          && message != null
          && message.prefix().equals(PROGRESS_PREFIX)) {
        store(
            c,
            sourceId,
            BackfillProgress.parse(new String(message.content(), StandardCharsets.UTF_8)));
      }
    }
  }

  private void store(Connection c, String sourceId, BackfillProgress progress) throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET last_key = ?, rows_done = ?, chunks = ?, state = ?, error = NULL,"
            + " updated_at = now() WHERE source_id = ? AND table_name = ? AND request = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      List<String> key = progress.lastKey();
      if (key == null) {
        s.setNull(1, Types.ARRAY);
      } else {
        s.setArray(1, c.createArrayOf("text", key.toArray()));
      }
      s.setLong(2, progress.rows());
      s.setLong(3, progress.chunks());
      s.setString(4, progress.done() ? "done" : "running");
      s.setString(5, sourceId);
      s.setString(6, progress.table());
      s.setLong(7, progress.request());
      s.executeUpdate();
    }
  }

  /** Marks request {@code request} of {@code label} failed with {@code error}. */
  public void fail(Connection c, String sourceId, String label, long request, String error)
      throws SQLException {
    String sql =
        "UPDATE "
            + table
            + " SET state = 'failed', error = ?, updated_at = now()"
            + " WHERE source_id = ? AND table_name = ? AND request = ?";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, error);
      s.setString(2, sourceId);
      s.setString(3, label);
      s.setLong(4, request);
      s.executeUpdate();
    }
  }
}
