package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SchemaUpgrade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Tables that cannot follow their source safely, per source id, in {@code
 * <schema>.sink_paused_tables} (table, relation OID, reason, LSN, time), and their changes, held in
 * order in {@code <schema>.sink_held_changes} (the event as its JSON envelope, with its commit
 * LSN). Both are written in the transaction of the batch that paused or held, so a held change is
 * recorded exactly once, and the ledger moves past it; {@link TableSink#resume} applies the held
 * changes in order and forgets them and the pause in one transaction.
 *
 * <p>A paused table renamed on the source ({@code RENAME TO}, {@code SET SCHEMA}, seen through DDL
 * capture) is paused under its new name too, <em>held with</em> the old one: the new name's changes
 * join the old name's held changes, after the held rename, so that one resume of the old name
 * applies the rename and everything after it in order. Stateless SQL; thread-safe.
 */
final class PausedTables {

  private final String paused;
  private final String held;
  private final String schema;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  PausedTables(String schema) {
    this.schema = Identifier.quote(schema);
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
        SchemaUpgrade.column(paused, "held_with", "text"),
        "CREATE TABLE IF NOT EXISTS "
            + held
            + " (id bigserial PRIMARY KEY, source_id text NOT NULL, table_name text NOT NULL,"
            + " commit_lsn pg_lsn, event jsonb NOT NULL,"
            + " held_at timestamptz NOT NULL DEFAULT now())",
        SchemaUpgrade.index(
            schema, "sink_held_changes_table", held, "(source_id, table_name, id)"));
  }

  /**
   * The tables ({@code schema.name}) paused for the source, each with the table whose held changes
   * its own join: itself, or the paused table it was renamed from.
   */
  Map<String, String> paused(Connection c, String sourceId) throws SQLException {
    Map<String, String> tables = new HashMap<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT table_name, coalesce(held_with, table_name) FROM "
                + paused
                + " WHERE source_id = ?")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.put(rs.getString(1), rs.getString(2));
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

  /**
   * Pauses {@code table}, the new name of paused table {@code holder} after a rename on the source
   * at {@code lsn}, with its changes held with {@code holder}'s; nothing when it already is.
   * Returns the reason it is paused for, empty when it already was.
   *
   * @param before the table {@code table}'s changes are held with now, null when it is not paused
   * @throws SinkException when {@code table} is paused with another table: the sink stops rather
   *     than mix the two tables' held changes
   */
  Optional<String> pauseRenamed(
      Connection c, String sourceId, String table, String holder, @Nullable String before, long lsn)
      throws SQLException {
    if (holder.equals(before)) {
      return Optional.empty();
    }
    if (before != null) {
      throw pausedTwice(table, holder, before, lsn);
    }
    try (PreparedStatement s =
        c.prepareStatement(
            "INSERT INTO "
                + paused
                + " (source_id, table_name, reason, lsn, held_with) VALUES (?, ?, ?, ?::pg_lsn, ?)"
                + " ON CONFLICT (source_id, table_name) DO NOTHING")) {
      String reason =
          "renamed from "
              + holder
              + " on the source at LSN "
              + Lsn.format(lsn)
              + " while that table was paused; its changes are held with those of "
              + holder
              + ". Fix the target table, then run: pgpipe sink resume "
              + holder;
      s.setString(1, sourceId);
      s.setString(2, table);
      s.setString(3, reason);
      s.setString(4, Lsn.format(lsn));
      s.setString(5, holder);
      s.executeUpdate();
      return Optional.of(reason);
    }
  }

  /**
   * Appends the changes, in order, to the held changes of their tables, or of the table each one's
   * is held with ({@code holders}, as {@link #paused} reads them).
   */
  void hold(Connection c, String sourceId, Map<String, String> holders, List<Pending> changes)
      throws SQLException {
    try (PreparedStatement s = holdStatement(c)) {
      for (Pending change : changes) {
        String table = change.event().source();
        add(s, sourceId, holders.getOrDefault(table, table), change);
      }
      s.executeBatch();
    }
  }

  /** Holds {@code changes} with those of {@code table} (a captured rename held with it). */
  void hold(Connection c, String sourceId, String table, List<Pending> changes)
      throws SQLException {
    try (PreparedStatement s = holdStatement(c)) {
      for (Pending change : changes) {
        add(s, sourceId, table, change);
      }
      s.executeBatch();
    }
  }

  private static SinkException pausedTwice(String table, String holder, String before, long lsn) {
    return new SinkException(
        "table "
            + holder
            + " was renamed to "
            + table
            + " on the source at LSN "
            + Lsn.format(lsn)
            + " while paused, but "
            + table
            + " is paused too, its changes held with those of "
            + before
            + ". The sink stops rather than mix the two tables' held changes: fix the target"
            + " table "
            + before
            + ", run pgpipe sink resume "
            + before
            + ", then start the sink again");
  }

  private PreparedStatement holdStatement(Connection c) throws SQLException {
    return c.prepareStatement(
        "INSERT INTO "
            + held
            + " (source_id, table_name, commit_lsn, event) VALUES (?, ?, ?::pg_lsn, ?::jsonb)");
  }

  private void add(PreparedStatement s, String sourceId, String table, Pending change)
      throws SQLException {
    ChangeEvent event = change.event();
    s.setString(1, sourceId);
    s.setString(2, table);
    s.setString(3, Lsn.format(change.commitLsn()));
    s.setString(4, codec.encode(event));
    s.addBatch();
  }

  /**
   * The table whose held changes {@code table}'s join (itself, or the paused table it was renamed
   * from), empty when it is not paused for the source; locks its row until the transaction ends.
   */
  Optional<String> lock(Connection c, String sourceId, String table) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT coalesce(held_with, table_name) FROM "
                + paused
                + " WHERE source_id = ? AND table_name = ? FOR UPDATE")) {
      s.setString(1, sourceId);
      s.setString(2, table);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
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

  /**
   * Forgets the table's pause and held changes (after they were applied), and the pauses of the
   * tables held with it.
   */
  void forget(Connection c, String sourceId, String table) throws SQLException {
    for (String delete :
        List.of(
            "DELETE FROM " + held + " WHERE source_id = ? AND table_name = ?",
            "DELETE FROM " + paused + " WHERE source_id = ? AND ? IN (table_name, held_with)")) {
      try (PreparedStatement s = c.prepareStatement(delete)) {
        s.setString(1, sourceId);
        s.setString(2, table);
        s.executeUpdate();
      }
    }
  }
}
