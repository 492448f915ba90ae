package dev.pgpipe.copy;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Holds back the batch that carries a row of {@link #KIND}: a trigger on the table takes the
 * advisory lock that a shut gate holds on its own connection, so that batch's COPY waits, inside
 * its transaction, until the gate opens (or closes). For tests that need a batch still loading.
 */
final class RowGate implements AutoCloseable {

  /** The {@code kind} of a row that waits at a shut gate. */
  static final int KIND = 13;

  private final Connection connection;
  private final Statement statement;

  private RowGate(Connection connection) throws SQLException {
    this.connection = connection;
    this.statement = connection.createStatement();
    statement.execute("SELECT pg_advisory_lock(" + KIND + ")");
  }

  /** Puts the gate's trigger on {@code table} (which has an {@code int4 kind} column). */
  static void install(Database db, String table) {
    db.sql(
            "CREATE OR REPLACE FUNCTION pgpipe_row_gate() RETURNS trigger LANGUAGE plpgsql AS $$"
                + " BEGIN IF NEW.kind = "
                + KIND
                + " THEN PERFORM pg_advisory_xact_lock("
                + KIND
                + "); END IF; RETURN NEW; END $$")
        .update();
    db.sql("DROP TRIGGER IF EXISTS row_gate ON " + table).update();
    db.sql(
            "CREATE TRIGGER row_gate BEFORE INSERT ON "
                + table
                + " FOR EACH ROW EXECUTE FUNCTION pgpipe_row_gate()")
        .update();
  }

  /** Takes the gate's trigger off {@code table}. */
  static void remove(Database db, String table) {
    db.sql("DROP TRIGGER IF EXISTS row_gate ON " + table).update();
  }

  /** A shut gate: rows of {@link #KIND} wait until {@link #open()}. */
  static RowGate shut(TestDatabase database) throws SQLException {
    return new RowGate(database.connect());
  }

  /** Lets the waiting rows through. */
  void open() throws SQLException {
    statement.execute("SELECT pg_advisory_unlock(" + KIND + ")");
  }

  @Override
  public void close() throws SQLException {
    statement.close();
    connection.close();
  }
}
