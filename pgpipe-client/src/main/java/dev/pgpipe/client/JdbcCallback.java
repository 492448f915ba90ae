package dev.pgpipe.client;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a raw pgjdbc connection lent by {@link Database#withJdbcConnection(JdbcCallback)}. */
@FunctionalInterface
public interface JdbcCallback<T> {

  T run(Connection connection) throws SQLException;
}
