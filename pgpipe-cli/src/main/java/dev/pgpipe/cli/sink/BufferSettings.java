package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.Main;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.sink.buffer.BufferConfig;
import picocli.CommandLine.Model.CommandSpec;

/** What the buffer commands share: the environment, the buffer's settings and table. */
final class BufferSettings {

  private BufferSettings() {}

  static Environment environment(CommandSpec spec) {
    return spec.root().userObject() instanceof Main main
        ? main.environment()
        : Environment.system();
  }

  static BufferConfig config(CommandSpec spec) {
    return BufferConfig.fromEnvironment(environment(spec).variables());
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
