package dev.pgpipe.sink;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.cdc.pgoutput.Lsn;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.SchemaUpgrade;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
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
    this.table = Identifier.quote(schema, "sink_dead_letters");
  }

  String createSql() {
    return "CREATE TABLE IF NOT EXISTS "
        + table
        + " (id bigserial PRIMARY KEY, source_id text NOT NULL, schema_name text,"
        + " table_name text, operation text NOT NULL, commit_lsn pg_lsn, event jsonb NOT NULL,"
        + " error text NOT NULL, sql_state text, failed_at timestamptz NOT NULL DEFAULT now(),"
        + " attempts int NOT NULL DEFAULT 1)";
  }

  /**
   * Brings a table created by an older version up to date: {@code attempts} counts how often the
   * event was refused (1, then one more per failed replay; see {@code pgpipe deadletters}).
   */
  String upgradeSql() {
    return SchemaUpgrade.column(table, "attempts", "int NOT NULL DEFAULT 1");
  }

  /**
   * The event's envelope; an event whose values do not match its own column kinds (built by hand,
   * not decoded) is written with every value as text instead.
   */
  private String json(ChangeEvent event) {
    try {
      return codec.encode(event).replace("\\u0000", "");
    } catch (RuntimeException e) {
      ObjectNode node = JsonNodeFactory.instance.objectNode();
      node.put("op", event.operation().label());
      node.put("schema", event.table() == null ? null : event.table().schema());
      node.put("table", event.table() == null ? null : event.table().name());
      node.set("before", text(event.before()));
      node.set("after", text(event.after()));
      node.put("lsn", Lsn.format(event.lsn()));
      node.put("index", event.index());
      return node.toString().replace("\\u0000", "");
    }
  }

  private static ObjectNode text(@Nullable Map<String, @Nullable Object> row) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (row != null) {
      row.forEach((k, v) -> node.put(k, v == null ? null : String.valueOf(v)));
    }
    return node;
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
      s.setString(6, json(event));
      s.setString(7, error);
      s.setString(8, sqlState);
      s.executeUpdate();
    }
  }
}
