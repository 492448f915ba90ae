package dev.pgpipe.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Binds one row's parameters of a {@link RowSql} statement, left to right, as text ({@link
 * ValueText}; NULL for null and unchanged values) and flags. Used for one row, by one thread.
 */
final class Parameters {

  private final PreparedStatement statement;
  private final TableChanges changes;
  private int next = 1;

  Parameters(PreparedStatement statement, TableChanges changes) {
    this.statement = statement;
    this.changes = changes;
  }

  /** Every column's value. */
  Parameters values(RowChange row) throws SQLException {
    for (int i = 0; i < row.values().size(); i++) {
      text(row.unchanged(i) ? null : row.values().get(i));
    }
    return this;
  }

  /** Per column: a key column's value when {@code withKey}; any other's (flag, value). */
  Parameters assignments(RowChange row, boolean withKey) throws SQLException {
    List<TargetColumn> columns = changes.columns();
    for (int i = 0; i < columns.size(); i++) {
      boolean key = changes.table().key().contains(columns.get(i).name());
      if (key && !withKey) {
        continue;
      }
      if (!key) {
        statement.setBoolean(next++, row.unchanged(i));
      }
      text(row.unchanged(i) ? null : row.values().get(i));
    }
    return this;
  }

  /** The row's key. */
  Parameters key(RowChange row) throws SQLException {
    for (String key : changes.table().key()) {
      text(row.values().get(changes.indexOf(key)));
    }
    return this;
  }

  /** A move's old key. */
  Parameters oldKey(RowChange row) throws SQLException {
    for (Object value : row.oldKey()) {
      text(value);
    }
    return this;
  }

  private void text(@Nullable Object value) throws SQLException {
    if (value == null) {
      statement.setNull(next++, Types.VARCHAR);
    } else {
      statement.setString(next++, ValueText.text(value));
    }
  }
}
