package dev.pgpipe.sink.deadletter;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.MigrationLock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The target's record of letters replayed from a store in another database (the buffer's): {@code
 * <schema>.sink_replayed_letters}, one row per letter, written in the target transaction that
 * applies it. The letter is deleted from its store only after that commit; a crash in between
 * leaves a letter whose receipt says it was applied, and the next replay deletes it without
 * applying it again. A receipt names the letter by its store, source, commit LSN, event index and
 * id, so a store emptied and refilled (ids starting over) does not match old receipts by accident.
 */
final class Receipts {

  private final String schema;
  private final String table;

  Receipts(String schema) {
    this.schema = Identifier.quote(schema);
    this.table = Identifier.quote(schema, "sink_replayed_letters");
  }

  void create(Connection connection) throws SQLException {
    MigrationLock.take(connection);
    execute(connection, "CREATE SCHEMA IF NOT EXISTS " + schema);
    execute(
        connection,
        "CREATE TABLE IF NOT EXISTS "
            + table
            + " (store text NOT NULL, source_id text NOT NULL, commit_lsn pg_lsn NOT NULL,"
            + " event_index int NOT NULL, letter_id int8 NOT NULL,"
            + " replayed_at timestamptz NOT NULL DEFAULT now(),"
            + " PRIMARY KEY (store, source_id, commit_lsn, event_index, letter_id))");
  }

  /**
   * Writes the letter's receipt; false when it was there already (the letter was applied by an
   * earlier replay). Waits for a replay of the same letter running concurrently to end.
   */
  boolean take(Connection connection, DeadLetter letter) throws SQLException {
    return change(
            connection,
            "INSERT INTO "
                + table
                + " VALUES (?, ?, '0/0'::pg_lsn + ?::numeric,"
                + " ?, ?) ON CONFLICT DO NOTHING",
            letter)
        == 1;
  }

  /** Removes the receipt taken in this transaction: the letter was not applied after all. */
  void release(Connection connection, DeadLetter letter) throws SQLException {
    change(
        connection,
        "DELETE FROM "
            + table
            + " WHERE store = ? AND source_id = ? AND commit_lsn = '0/0'::pg_lsn + ?::numeric"
            + " AND event_index = ? AND letter_id = ?",
        letter);
  }

  private static int change(Connection connection, String sql, DeadLetter letter)
      throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, letter.origin().label());
      s.setString(2, letter.sourceId());
      s.setLong(3, letter.commitLsn());
      s.setInt(4, letter.eventIndex());
      s.setLong(5, letter.id());
      return s.executeUpdate();
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.executeUpdate();
    }
  }
}
