package dev.pgpipe.client;

import java.sql.Connection;

/** PostgreSQL's transaction isolation levels (READ UNCOMMITTED behaves as READ COMMITTED). */
public enum Isolation {
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int jdbcLevel;

  Isolation(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  int jdbcLevel() {
    return jdbcLevel;
  }
}
