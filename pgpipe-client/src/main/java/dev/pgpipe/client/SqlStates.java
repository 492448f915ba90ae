package dev.pgpipe.client;

/** The SQLSTATE codes the client branches on. */
final class SqlStates {

  static final String SERIALIZATION_FAILURE = "40001";
  static final String DEADLOCK_DETECTED = "40P01";
  static final String QUERY_CANCELED = "57014";

  private SqlStates() {}
}
