package dev.pgpipe.client;

import org.jspecify.annotations.Nullable;
import org.postgresql.util.ServerErrorMessage;

/**
 * What the server said about a failure, field by field (each null when it said nothing).
 *
 * @param sqlState the five-character SQLSTATE
 * @param detail the DETAIL line
 * @param hint the HINT line
 * @param position the 1-based character position in the statement, or 0
 * @param where the CONTEXT: e.g. {@code COPY trades, line 3} or the PL/pgSQL call stack
 * @param table the table named by a constraint or data error
 * @param column the column named by a constraint or data error
 * @param constraint the violated constraint
 */
public record ServerError(
    @Nullable String sqlState,
    @Nullable String detail,
    @Nullable String hint,
    int position,
    @Nullable String where,
    @Nullable String table,
    @Nullable String column,
    @Nullable String constraint) {

  /** Nothing known beyond an optional SQLSTATE. */
  public static ServerError of(@Nullable String sqlState) {
    return new ServerError(sqlState, null, null, 0, null, null, null, null);
  }

  static ServerError of(@Nullable String sqlState, @Nullable ServerErrorMessage message) {
    if (message == null) {
      return of(sqlState);
    }
    return new ServerError(
        sqlState,
        message.getDetail(),
        message.getHint(),
        message.getPosition(),
        message.getWhere(),
        message.getTable(),
        message.getColumn(),
        message.getConstraint());
  }
}
