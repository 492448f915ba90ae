package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.CopiedTable;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which initial snapshot each target table was last filled from, per source: table {@code
 * <schema>.sink_snapshots} (source id and source table → the snapshot's LSN), written in the
 * transaction of the batch that applies the rows.
 *
 * <p>A source whose snapshot was cut short (its publisher or feeder killed mid-copy), or whose slot
 * was lost, takes it again from a new slot, at a later LSN. Rows of the earlier attempt that the
 * source deleted in between are in no later snapshot and no later change: left in place they would
 * stay on the target for good. So the first rows of a newer snapshot empty, in the same
 * transaction, every table the source filled from an older one (a table emptied at the source in
 * between has no rows in the newer snapshot, and is emptied too, even when no table has any); rows
 * of a snapshot older than the source's newest are skipped, as superseded. A table counts as filled
 * by a snapshot that copied it, with rows or as an {@link EmptyTableMark}. A table that a retake
 * copies but no earlier snapshot did (it joined the publication later; the stream filled it) is
 * emptied before its rows too ({@link SnapshotRetakes} remembers the retake for its later batches).
 * A source's first snapshot empties nothing: rows already there (loaded by hand, or by a version
 * before this record) stay, as they always did. This holds on the paths that hand the sink both
 * attempts in stream order (JetStream, buffer table); {@code replicate}, which starts the snapshot
 * itself, empties its tables and forgets the source before it takes one again ({@link
 * TableSink#reset}).
 */
final class SnapshotGenerations {

  private static final Logger log = LoggerFactory.getLogger(SnapshotGenerations.class);

  private final String table;
  private final SnapshotRetakes retakes;

  SnapshotGenerations(String schema) {
    this.table = Identifier.quote(schema, "sink_snapshots");
    this.retakes = new SnapshotRetakes(schema);
  }

  List<String> createSql() {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (source_id text NOT NULL, table_schema text NOT NULL, table_name text NOT NULL,"
            + " snapshot_lsn pg_lsn NOT NULL, updated_at timestamptz NOT NULL DEFAULT now(),"
            + " PRIMARY KEY (source_id, table_schema, table_name))",
        retakes.createSql());
  }

  /** What one batch does with its snapshot rows: those of snapshots older than {@code newest}. */
  record Plan(long newest) {

    static final Plan NONE = new Plan(0);

    /** Whether {@code tx} holds rows of an older snapshot than the source's newest. */
    boolean superseded(Transaction tx) {
      return tx.isSnapshot() && tx.commitLsn() < newest;
    }
  }

  /**
   * Records the newest snapshot of {@code batch}'s rows (those {@code position} does not cover),
   * empties each target table the source filled from an older one, and returns which rows are
   * superseded. Call with the source's ledger row locked, before applying the rows. Warns through
   * {@code notices} of each table it empties.
   */
  Plan begin(
      Connection connection,
      String sourceId,
      List<Transaction> batch,
      Position position,
      TableLookup tables,
      CommitNotices notices)
      throws SQLException {
    Map<CopiedTable, Long> filled = new LinkedHashMap<>();
    long inBatch = 0;
    for (Transaction tx : batch) {
      if (tx.isSnapshot() && tx.commitLsn() >= position.commitLsn()) {
        inBatch = Math.max(inBatch, tx.commitLsn());
        for (ChangeEvent e : tx.events()) {
          CopiedTable.of(e).ifPresent(t -> filled.merge(t, tx.commitLsn(), Math::max));
        }
      }
    }
    if (inBatch == 0) {
      return Plan.NONE;
    }
    Map<CopiedTable, Long> stored = read(connection, sourceId);
    long newestStored = stored.values().stream().mapToLong(l -> l).max().orElse(0);
    long newest = Math.max(inBatch, newestStored);
    boolean streamedSince = position.commitLsn() > newestStored;
    emptyOlder(connection, sourceId, stored, newest, streamedSince, tables, notices);
    recordFirst(connection, sourceId, filled, stored, newest, tables, notices);
    return new Plan(newest);
  }

  /**
   * Empties and records anew each table of {@code stored} filled from a snapshot older than {@code
   * newest}. When there is one, {@code newest} is a retake, recorded as such if changes were {@code
   * streamedSince} the older snapshot: only then can a table that snapshot did not copy hold rows
   * of the source (after a first snapshot cut short, it holds only rows that were there before, and
   * they stay).
   */
  private void emptyOlder(
      Connection connection,
      String sourceId,
      Map<CopiedTable, Long> stored,
      long newest,
      boolean streamedSince,
      TableLookup tables,
      CommitNotices notices)
      throws SQLException {
    if (streamedSince && stored.values().stream().anyMatch(lsn -> lsn < newest)) {
      retakes.record(connection, sourceId, newest);
    }
    for (Map.Entry<CopiedTable, Long> older : stored.entrySet()) {
      if (older.getValue() < newest) {
        String why = "the one it was filled from, at " + Lsn.format(older.getValue());
        empty(connection, sourceId, older.getKey(), why, newest, tables, notices);
        write(connection, sourceId, older.getKey(), newest);
      }
    }
  }

  /**
   * Records the tables {@code newest} fills first (in no earlier snapshot); a retake ({@link
   * SnapshotRetakes}, recorded by its first batch) empties them before their rows.
   */
  private void recordFirst(
      Connection connection,
      String sourceId,
      Map<CopiedTable, Long> filled,
      Map<CopiedTable, Long> stored,
      long newest,
      TableLookup tables,
      CommitNotices notices)
      throws SQLException {
    List<CopiedTable> firstFilled =
        filled.entrySet().stream()
            .filter(e -> !stored.containsKey(e.getKey()) && e.getValue() == newest)
            .map(Map.Entry::getKey)
            .toList();
    boolean retake = !firstFilled.isEmpty() && retakes.isRetake(connection, sourceId, newest);
    for (CopiedTable first : firstFilled) {
      if (retake) {
        String why = "no earlier one copied it: it joined later and the stream filled it";
        empty(connection, sourceId, first, why, newest, tables, notices);
      }
      write(connection, sourceId, first, newest);
    }
  }

  /** Forgets which snapshots filled the source's tables: they were emptied. */
  void forget(Connection connection, String sourceId) throws SQLException {
    SourceRows.delete(connection, table, sourceId);
    retakes.forget(connection, sourceId);
  }

  private Map<CopiedTable, Long> read(Connection connection, String sourceId) throws SQLException {
    Map<CopiedTable, Long> stored = new LinkedHashMap<>();
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT table_schema, table_name, (snapshot_lsn - '0/0')::int8 FROM "
                + table
                + " WHERE source_id = ? ORDER BY table_schema, table_name")) {
      s.setString(1, sourceId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          stored.put(new CopiedTable(rs.getString(1), rs.getString(2)), rs.getLong(3));
        }
      }
    }
    return stored;
  }

  private void write(Connection connection, String sourceId, CopiedTable source, long lsn)
      throws SQLException {
    try (PreparedStatement s =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (source_id, table_schema, table_name, snapshot_lsn)"
                + " VALUES (?, ?, ?, '0/0'::pg_lsn + ?::numeric)"
                + " ON CONFLICT (source_id, table_schema, table_name) DO UPDATE"
                + " SET snapshot_lsn = EXCLUDED.snapshot_lsn, updated_at = now()")) {
      s.setString(1, sourceId);
      s.setString(2, source.schema());
      s.setString(3, source.name());
      s.setLong(4, lsn);
      s.executeUpdate();
    }
  }

  /** Empties {@code sourceTable}'s target table, if it has one, for the retake at {@code lsn}. */
  private static void empty(
      Connection connection,
      String sourceId,
      CopiedTable sourceTable,
      String why,
      long lsn,
      TableLookup tables,
      CommitNotices notices) {
    Optional<TargetTable> found = tables.table(sourceTable.schema(), sourceTable.name());
    if (found.isEmpty()) {
      return;
    }
    TargetTable target = found.get();
    notices.warn(
        log,
        "source {} took its snapshot again at {} (an earlier one was cut short or its slot lost);"
            + " for {}, {}: emptying {} before the new rows, so that rows deleted in between do"
            + " not stay",
        sourceId,
        Lsn.format(lsn),
        sourceTable,
        why,
        target.label());
    Truncates.empty(
        connection,
        target,
        " for the snapshot of source "
            + sourceId
            + " taken again at "
            + Lsn.format(lsn)
            + "; it must be emptied before the new snapshot's rows");
  }
}
