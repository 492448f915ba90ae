package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tables that cannot follow their source safely, per source id, in {@code
 * <schema>.sink_paused_tables} (table, relation OID, reason, LSN, time), and their changes, held in
 * order in {@code <schema>.sink_held_changes} (the event as its JSON envelope, with its commit
 * LSN). Both are written in the transaction of the batch that paused or held, so a held change is
 * recorded exactly once, and the ledger moves past it; {@link TableSink#resume} applies the held
 * changes in order and forgets them and the pause in one transaction. Stateless SQL; thread-safe.
 */
final class PausedTables {

  private final String paused;
  private final String held;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  PausedTables(String schema) {
    this.paused = Identifier.quote(schema, "sink_paused_tables");
    this.held = Identifier.quote(schema, "sink_held_changes");
  }

  List<String> createSql() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + paused
            + " (source_id text NOT NULL, table_name text NOT NULL, relation_id int8,"
            + " reason text NOT NULL, lsn pg_lsn, paused_at timestamptz NOT NULL DEFAULT now(),"
            + " PRIMARY KEY (source_id, table_name))",
        "CREATE TABLE IF NOT EXISTS "
            + held
            + " (id bigserial PRIMARY KEY, source_id text NOT NULL, table_name text NOT NULL,"
            + " commit_lsn pg_lsn, event jsonb NOT NULL,"
            + " held_at timestamptz NOT NULL DEFAULT now())",
        "CREATE INDEX IF NOT EXISTS sink_held_changes_table ON "
            + held
            + " (source_id, table_name, id)");
  }

  /** The tables ({@code schema.name}) paused for the source. */
  Set<String> paused(Connection c, String sourceId) throws SQLException {
    Set<String> tables = new HashSet<>();
    try (PreparedStatement s =
        c.prepareStatement("SELECT table_name FROM " + paused + " WHERE source_id = ?")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }

  void pause(Connection c, String sourceId, String table, long relationId, String reason, long lsn)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + paused
                + " (source_id, table_name, relation_id, reason, lsn) VALUES (?, ?, ?, ?, ?::pg_lsn)"
                + " ON CONFLICT (source_id, table_name) DO NOTHING")) {
      s.setString(1, sourceId);
      s.setString(2, table);
      s.setLong(3, relationId);
      s.setString(4, reason);
      s.setString(5, Lsn.format(lsn));
      s.executeUpdate();
    }
  }

  /** Appends the changes, in order, to the held changes of their tables. */
  void hold(Connection c, String sourceId, List<Pending> changes) throws SQLException {
    hold(c, sourceId, null, changes);
  }

  /**
   * Holds {@code changes} with those of {@code table} (a captured rename of that table), or each
   * with those of its own table when null.
   */
  void hold(Connection c, String sourceId, @Nullable String table, List<Pending> changes)
      throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + held
                + " (source_id, table_name, commit_lsn, event) VALUES (?, ?, ?::pg_lsn, ?::jsonb)")) {
      for (Pending change : changes) {
        ChangeEvent event = change.event();
        s.setString(1, sourceId);
        s.setString(2, table != null ? table : event.source());
        s.setString(3, Lsn.format(change.commitLsn()));
        s.setString(4, codec.encode(event));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Whether the table is paused for the source; locks its row until the transaction ends. */
  boolean lock(Connection c, String sourceId, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT 1 FROM " + paused + " WHERE source_id = ? AND table_name = ? FOR UPDATE")) {
      s.setString(1, sourceId);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The table's held changes, in the order they were held. */
  List<Pending> held(Connection c, String sourceId, String table) throws SQLException {
    List<Pending> changes = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT commit_lsn::text, event::text FROM "
                + held
                + " WHERE source_id = ? AND table_name = ? ORDER BY id")) {
      s.setString(1, sourceId);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          changes.add(new Pending(codec.decodeEvent(rs.getString(2)), Lsn.parse(rs.getString(1))));
        }
      }
    }
    return changes;
  }

  /** Every paused table of every source, oldest first; empty when the tables do not exist. */
  List<PausedTable> list(dev.pgpipe.client.Database db) {
    boolean exists = db.sql("SELECT to_regclass(?) IS NOT NULL", paused).scalar(Boolean.class);
    if (!exists) {
      return List.of();
    }
    return db.sql(
            "SELECT p.source_id, p.table_name, p.reason, coalesce(p.lsn::text, ''), p.paused_at,"
                + " (SELECT count(*) FROM "
                + held
                + " h WHERE h.source_id = p.source_id AND h.table_name = p.table_name)"
                + " FROM "
                + paused
                + " p ORDER BY p.paused_at, p.table_name")
        .map(
            r ->
                new PausedTable(
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getString(4),
                    r.getTimestamp(5).toInstant(),
                    r.getLong(6)))
        .list();
  }

  /** Forgets the table's pause and held changes (after they were applied). */
  void forget(Connection c, String sourceId, String table) throws SQLException {
    for (String from : List.of(held, paused)) {
      try (PreparedStatement s =
          c.prepareStatement("DELETE FROM " + from + " WHERE source_id = ? AND table_name = ?")) {
        s.setString(1, sourceId);
        s.setString(2, table);
        s.executeUpdate();
      }
    }
  }
}
