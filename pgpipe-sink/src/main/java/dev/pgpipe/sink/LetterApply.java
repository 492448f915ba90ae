package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.RunningTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The sink's entry point for dead-letter replay: applies one change event inside a target
 * transaction the caller runs, through the same path as {@link TableSink#apply} (planning, the
 * pipelined and staged steps, savepoints), so the caller can commit the event together with its own
 * bookkeeping (removing the dead letter) or not at all.
 *
 * <p>The event is applied under the ledger row {@value #SOURCE}, deleted again before the
 * transaction ends: a replay leaves no position behind and never touches the ledger of a real
 * source. When the target refuses the event, its changes are rolled back to a savepoint, the
 * transaction stays usable, and the refusal is returned instead of being written as a new dead
 * letter. Thread-safe; calls on one connection must not overlap.
 */
public final class LetterApply {

  /** The ledger's and dead-letter table's source id of replays; never committed. */
  public static final String SOURCE = "pgpipe-replay";

  /**
   * Why the target refused a replayed event: the server's message and SQLSTATE, when it had one.
   */
  public record Refusal(String message, @Nullable String sqlState) {}

  private final SinkParts parts;
  private final String ledgerTable;
  private final String deadLetterTable;

  /**
   * @param config the target's sink settings: its schema and conflict strategy are used, its source
   *     id and table whitelist are not (a replay names its table)
   */
  public LetterApply(Database target, SinkConfig config) {
    SinkConfig replay =
        SinkConfig.builder()
            .sourceId(SOURCE)
            .schema(config.schema())
            .conflictStrategy(config.conflictStrategy())
            .pipelinedRows(config.pipelinedRows())
            .build();
    TargetCatalog catalog = new TargetCatalog(target, List.of());
    PausedTables paused = new PausedTables(replay.schema());
    this.parts =
        new SinkParts(
            replay,
            new PositionLedger(replay.schema()),
            new DeadLetters(replay.schema()),
            catalog,
            paused,
            SchemaFollower.inactive(replay, catalog));
    this.ledgerTable = Identifier.quote(replay.schema(), "sink_ledger");
    this.deadLetterTable = Identifier.quote(replay.schema(), "sink_dead_letters");
  }

  /**
   * Applies {@code event}, which committed at {@code commitLsn} on its source, on {@code
   * connection}, the connection of {@code tx}.
   *
   * @return empty when the target took it; the refusal otherwise (nothing of it remains)
   * @throws SQLException for a failure that is not the event's fault (a lost connection): the
   *     caller's transaction is lost with it
   */
  public Optional<Refusal> apply(
      RunningTransaction tx, Connection connection, ChangeEvent event, long commitLsn)
      throws SQLException {
    long lsn = Math.max(commitLsn, 1);
    Transaction one =
        new Transaction(event.xid(), lsn, lsn, lsn, event.commitTime(), List.of(event), 0, true);
    // No committed(): this sink's follower is inactive (it changes, pauses and logs nothing), and a
    // replayed event is never a snapshot's, so the batch holds nothing for after its commit.
    ApplyResult result = BatchApply.guarded(tx, connection, parts).run(List.of(one));
    SourceRows.delete(connection, ledgerTable, SOURCE);
    if (result.deadLettered() == 0) {
      return Optional.empty();
    }
    return Optional.of(takeRefusal(connection));
  }

  /**
   * Whether the target table {@code schema.table} has a row whose columns equal {@code key} (column
   * name to value, as in a change event's row); false when the table is missing. Each value is sent
   * as text of unspecified type, so the server reads it as the column's type and an index on the
   * key is used.
   */
  public boolean hasRow(
      Connection connection, String schema, String table, Map<String, @Nullable Object> key)
      throws SQLException {
    Optional<TargetTable> target = parts.catalog().table(schema, table);
    if (target.isEmpty() || key.isEmpty()) {
      return false;
    }
    StringBuilder sql = new StringBuilder("SELECT 1 FROM " + target.get().qualified() + " WHERE ");
    List<@Nullable Object> values = new ArrayList<>();
    for (Map.Entry<String, @Nullable Object> e : key.entrySet()) {
      sql.append(values.isEmpty() ? "" : " AND ")
          .append(Identifier.quote(e.getKey()))
          .append(" = ?");
      values.add(e.getValue());
    }
    try (PreparedStatement s = connection.prepareStatement(sql + " LIMIT 1")) {
      for (int i = 0; i < values.size(); i++) {
        Object value = values.get(i);
        s.setObject(i + 1, value == null ? null : ValueText.text(value), Types.OTHER);
      }
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Drops the targets's cached table definitions (after DDL on the target). */
  public void refreshCatalog() {
    parts.catalog().forget();
  }

  /** The refusal {@code BatchApply} wrote as a dead letter of {@link #SOURCE}, removed again. */
  private Refusal takeRefusal(Connection connection) throws SQLException {
    String sql =
        "DELETE FROM " + deadLetterTable + " WHERE source_id = ? RETURNING error, sql_state";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, SOURCE);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SinkException("replay refused, but its refusal was not recorded");
        }
        return new Refusal(rs.getString(1), rs.getString(2));
      }
    }
  }
}
