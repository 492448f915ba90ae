package dev.pgpipe.client;

import org.jspecify.annotations.Nullable;

/** The SQLSTATE codes the client branches on. */
final class SqlStates {

  static final String SERIALIZATION_FAILURE = "40001";
  static final String DEADLOCK_DETECTED = "40P01";
  static final String QUERY_CANCELED = "57014";

  private SqlStates() {}

  /**
   * Class 08 (connection exception) and the server ending the session: 57P01 admin shutdown, 57P02
   * crash shutdown, 57P03 cannot connect now.
   */
  static boolean isConnectionLoss(@Nullable String sqlState) {
    return sqlState != null
        && (sqlState.startsWith("08")
            || sqlState.equals("57P01")
            || sqlState.equals("57P02")
            || sqlState.equals("57P03"));
  }
}
