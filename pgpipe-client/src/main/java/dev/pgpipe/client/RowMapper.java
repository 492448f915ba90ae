package dev.pgpipe.client;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Turns the current row of a result set into a value. Called once per row; must not move the
 * cursor. For records, simple types and maps the client has mappers of its own ({@link
 * Query#as(Class)}, {@link Query#asMaps()}); implement this for anything else.
 */
@FunctionalInterface
public interface RowMapper<T> {

  T map(ResultSet row) throws SQLException;
}
