package dev.pgpipe.sink;

import dev.pgpipe.client.PgException;
import java.sql.SQLException;

/**
 * Tells a refusal (a value, a constraint: handled where it happened) from a transient failure (a
 * lost connection, a deadlock: {@link PgException#isTransient()}), which ends the attempt so that
 * the whole transaction is retried. Stateless.
 */
final class Transience {

  private Transience() {}

  /** Rethrows {@code e} when it is transient; returns when it is a refusal. */
  static void rethrowIfTransient(Exception e) throws SQLException {
    if (e instanceof SQLException s && PgException.from(s, "apply").isTransient()) {
      throw s;
    }
    if (e instanceof PgException p && p.isTransient()) {
      throw p;
    }
  }
}
