package dev.pgpipe.cli.backfill;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The target of the backfill commands: {@code --to}, else the {@code POSTGRES_OUTPUT_*} ones. */
final class Targets {

  private Targets() {}

  static SinkConfig config(
      CommandSpec spec, Environment environment, @Nullable String to, String sourceId) {
    if (to == null && environment.get("POSTGRES_OUTPUT_HOST").isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
    SinkConfig.Builder builder = SinkConfig.fromEnvironment(environment.variables());
    if (to != null) {
      builder.url(to);
    }
    return builder.sourceId(sourceId).build();
  }

  static Database open(SinkConfig config) {
    return Database.builder()
        .settings(java.util.Objects.requireNonNull(config.connection()))
        .name("pgpipe-backfill")
        .maxSize(1)
        .open();
  }

  /** {@code schema.name}, with {@code public} when the schema is left out. */
  static String label(String table) {
    return table.contains(".") ? table : "public." + table;
  }
}
