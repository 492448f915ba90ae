package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The baseline a user would write by hand, for benchmarks only: every insert, update or snapshot
 * row as {@code INSERT ... ON CONFLICT DO UPDATE} and every delete as {@code DELETE}, batched with
 * {@code executeBatch} per table, in one transaction, values as text parameters cast to the
 * catalog's types. No ledger, no dead letters, no unchanged-TOAST handling. Not thread-safe.
 */
public final class StatementSink {

  private final Database db;
  private final TargetCatalog catalog;

  public StatementSink(Database db) {
    this.db = db;
    this.catalog = new TargetCatalog(db, List.of());
  }

  /** Applies the transactions' row changes; returns the number of statements sent. */
  public long apply(List<Transaction> batch) {
    return db.inTransaction(
        tx ->
            db.withJdbcConnection(
                connection -> {
                  Batcher batcher = new Batcher(connection);
                  long sent = 0;
                  for (Transaction t : batch) {
                    for (ChangeEvent event : t.events()) {
                      sent += add(batcher, event);
                    }
                  }
                  batcher.flush();
                  return sent;
                }));
  }

  /** Consecutive rows with the same statement go out in one {@code executeBatch}. */
  private static final class Batcher {
    private final Connection connection;
    private @Nullable PreparedStatement current;
    private String sql = "";

    Batcher(Connection connection) {
      this.connection = connection;
    }

    PreparedStatement statement(String next) throws SQLException {
      PreparedStatement open = current;
      if (open != null && next.equals(sql)) {
        return open;
      }
      flush();
      sql = next;
      PreparedStatement created = connection.prepareStatement(next);
      current = created;
      return created;
    }

    void flush() throws SQLException {
      PreparedStatement open = current;
      if (open != null) {
        open.executeBatch();
        open.close();
        current = null;
      }
    }
  }

  private long add(Batcher batcher, ChangeEvent event) throws SQLException {
    TableSchema source = event.table();
    if (source == null || event.operation() == Operation.TRUNCATE) {
      return 0;
    }
    TargetTable table =
        catalog
            .table(source.schema(), source.name())
            .orElseThrow(() -> new SinkException("no target table " + source.qualifiedName()));
    Map<String, @Nullable Object> row =
        event.operation() == Operation.DELETE ? event.before() : event.after();
    if (row == null) {
      return 0;
    }
    boolean delete = event.operation() == Operation.DELETE;
    List<TargetColumn> columns =
        delete
            ? table.key().stream()
                .map(table::column)
                .map(java.util.Objects::requireNonNull)
                .toList()
            : table.columns().stream().filter(c -> row.containsKey(c.name())).toList();
    PreparedStatement s = batcher.statement(sql(table, columns, delete));
    for (int i = 0; i < columns.size(); i++) {
      Object value = row.get(columns.get(i).name());
      s.setString(i + 1, value == null ? null : ValueText.text(value));
    }
    s.addBatch();
    return 1;
  }

  private static String sql(TargetTable table, List<TargetColumn> columns, boolean delete) {
    StringBuilder sql = new StringBuilder();
    if (delete) {
      sql.append("DELETE FROM ").append(table.qualified()).append(" WHERE ");
      for (int i = 0; i < columns.size(); i++) {
        sql.append(i == 0 ? "" : " AND ").append(Identifier.quote(columns.get(i).name()));
        sql.append(" = CAST(? AS ").append(columns.get(i).type()).append(')');
      }
      return sql.toString();
    }
    sql.append("INSERT INTO ").append(table.qualified()).append(" (");
    sql.append(Identifier.quoteAll(columns.stream().map(TargetColumn::name).toList()))
        .append(") VALUES (");
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("CAST(? AS ").append(columns.get(i).type()).append(')');
    }
    sql.append(") ON CONFLICT (")
        .append(Identifier.quoteAll(table.key()))
        .append(") DO UPDATE SET ");
    List<TargetColumn> rest =
        columns.stream().filter(c -> !table.key().contains(c.name())).toList();
    for (int i = 0; i < rest.size(); i++) {
      String c = Identifier.quote(rest.get(i).name());
      sql.append(i == 0 ? "" : ", ").append(c).append(" = EXCLUDED.").append(c);
    }
    if (rest.isEmpty()) {
      return sql.substring(0, sql.indexOf(" DO UPDATE SET ")) + " DO NOTHING";
    }
    return sql.toString();
  }
}
