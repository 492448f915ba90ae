package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.buffer.BufferConfig;

/** What the buffer commands share: the buffer's settings and table. */
final class BufferSettings {

  private BufferSettings() {}

  static BufferConfig config(Environment environment) {
    return BufferConfig.fromEnvironment(environment.variables());
  }

  /** The buffer's event table, quoted: {@code "pgpipe".cdc_events}. */
  static String events(BufferConfig config) {
    return Identifier.quote(config.schema()) + ".cdc_events";
  }

  /** Whether the buffer's tables were created in {@code db}. */
  static boolean exists(Database db, BufferConfig config) {
    return db.sql("SELECT to_regclass(?) IS NOT NULL", events(config)).scalar(Boolean.class);
  }

  /** Unprocessed events of one source. */
  static long backlog(Database db, BufferConfig config, String sourceId) {
    return db.sql(
            "SELECT count(*) FROM "
                + events(config)
                + " WHERE source_id = ? AND processed_at IS NULL",
            sourceId)
        .scalar(Long.class);
  }
}
