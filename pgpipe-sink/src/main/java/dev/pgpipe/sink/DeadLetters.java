package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Events the target refused, kept in {@code <schema>.sink_dead_letters} with the event (JSON
 * envelope), the error, its SQLSTATE and the time. Written in the same transaction as the rest of
 * the batch, so a dead letter is recorded exactly once too.
 */
final class DeadLetters {

  private final String table;
  private final EnvelopeCodec codec = new EnvelopeCodec();

  DeadLetters(String schema) {
    this.table = Sql.quote(schema, "sink_dead_letters");
  }

  String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (id bigserial PRIMARY KEY, source_id text NOT NULL, schema_name text,"
        + " table_name text, operation text NOT NULL, commit_lsn pg_lsn, event jsonb NOT NULL,"
        + " error text NOT NULL, sql_state text, failed_at timestamptz NOT NULL DEFAULT now())";
  }

  void add(
      Connection connection,
      String sourceId,
      long commitLsn,
      ChangeEvent event,
      String error,
      @Nullable String sqlState)
      throws SQLException {
    String sql =
        "INSERT INTO "
            + table
            + " (source_id, schema_name, table_name, operation, commit_lsn, event, error, sql_state)"
            + " VALUES (?, ?, ?, ?, ?::pg_lsn, ?::jsonb, ?, ?)";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setString(1, sourceId);
      s.setString(2, event.table() == null ? null : event.table().schema());
      s.setString(3, event.table() == null ? null : event.table().name());
      s.setString(4, event.operation().label());
      s.setString(5, Lsn.format(commitLsn));
      s.setString(6, codec.encode(event).replace("\\u0000", ""));
      s.setString(7, error);
      s.setString(8, sqlState);
      s.executeUpdate();
    }
  }
}
