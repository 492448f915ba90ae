package dev.pgpipe.sink;

import org.jspecify.annotations.Nullable;

/** SQLSTATEs after which the same work may succeed when run again. */
final class Transient {

  private Transient() {}

  /** Serialization failure, deadlock, lost connection, server shutting down. */
  static boolean is(@Nullable String sqlState) {
    if (sqlState == null) {
      return false;
    }
    return sqlState.equals("40001")
        || sqlState.equals("40P01")
        || sqlState.startsWith("08")
        || sqlState.startsWith("57P");
  }
}
