package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --to URL}, the target of the administrative commands ({@code sink status}, {@code sink
 * resume}, {@code backfill}, {@code backfill status}), else the {@code POSTGRES_OUTPUT_*}
 * variables. A picocli mixin: {@code @Mixin SinkTarget target = new SinkTarget();}.
 */
public final class SinkTarget {

  @Option(
      names = "--to",
      paramLabel = "URL",
      description = "Target PostgreSQL (default: $POSTGRES_OUTPUT_*).")
  private @Nullable String to;

  /** The sink configuration for {@code sourceId}; a usage error when no target is named. */
  public SinkConfig config(CommandSpec spec, Environment environment, String sourceId) {
    if (to == null && environment.get(SinkOptions.HOST_VARIABLE).isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the target: --to URL");
    }
    SinkConfig.Builder builder = SinkConfig.fromEnvironment(environment.variables());
    if (to != null) {
      builder.url(to);
    }
    return builder.sourceId(sourceId).build();
  }

  /** {@code schema.name}, with {@code public} when the schema is left out. */
  public static String qualified(String table) {
    return table.contains(".") ? table : "public." + table;
  }

  /** A pool of one connection to the target, named {@code poolName} in its meters. */
  public static Database open(SinkConfig config, String poolName) {
    return Database.builder()
        .settings(Objects.requireNonNull(config.connection()))
        .name(poolName)
        .maxSize(1)
        .open();
  }
}
