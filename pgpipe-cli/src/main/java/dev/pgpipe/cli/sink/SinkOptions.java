package dev.pgpipe.cli.sink;

import dev.pgpipe.cli.DurationConverter;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.sink.ConflictStrategy;
import dev.pgpipe.sink.SinkConfig;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The target flags shared by {@code replicate}, {@code buffer process} and {@code sink --from
 * nats}. The target is {@code --to}; else {@code POSTGRES_OUTPUT_HOST} (with {@code _PORT}, {@code
 * _USER}, {@code _PASSWORD}, {@code _DATABASE}) when set; else none, which is a usage error. Each
 * flag given overrides its {@code POSTGRES_OUTPUT_*} variable.
 */
public final class SinkOptions {

  static final String HOST_VARIABLE = SinkConfig.PREFIX + "HOST";

  @Option(
      names = "--to",
      paramLabel = "URL",
      description =
          "Target PostgreSQL: postgres://user:pass@host:port/db (default: $POSTGRES_OUTPUT_*).")
  private @Nullable String to;

  @Option(
      names = "--conflict-strategy",
      paramLabel = "S",
      description =
          "insert, upsert or update (default: $POSTGRES_OUTPUT_CONFLICT_STRATEGY or upsert).")
  private @Nullable String strategy;

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description =
          "Most events per target transaction, 1..100000 (default: $POSTGRES_OUTPUT_BATCH_SIZE"
              + " or 10000); also ended at $POSTGRES_OUTPUT_BATCH_BYTES (64MB) and, caught up,"
              + " as soon as nothing more is ready.")
  private @Nullable Integer batchSize;

  @Option(
      names = "--flush-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Apply a partial batch after this long (default: $POSTGRES_OUTPUT_FLUSH_INTERVAL or 5s).")
  private @Nullable Duration flushInterval;

  @Option(
      names = "--create-tables",
      paramLabel = "BOOL",
      arity = "1",
      description = {
        "Create target tables and add columns from the source's definition (default:",
        "$POSTGRES_OUTPUT_CREATE_TABLES or true); false pauses such a table instead."
      })
  private @Nullable Boolean createTables;

  @Option(
      names = "--drop-columns",
      description = {
        "Drop a column on the target when the source dropped it (default: keep it, nullable,",
        "no longer written; $POSTGRES_OUTPUT_DROP_COLUMNS)."
      })
  private @Nullable Boolean dropColumns;

  /** Whether a target was named, by flag or variable. */
  public boolean named(Environment environment) {
    return to != null || environment.get(HOST_VARIABLE).isPresent();
  }

  /**
   * The sink configuration: variables first, then the flags given. {@code tables}, when not null,
   * replaces the whitelist of {@code POSTGRES_OUTPUT_TABLES}.
   */
  public SinkConfig config(
      Environment environment, String sourceId, @Nullable List<String> tables) {
    SinkConfig.Builder builder = SinkConfig.fromEnvironment(environment.variables());
    String url = to;
    String s = strategy;
    Integer size = batchSize;
    Duration interval = flushInterval;
    if (url != null) {
      builder.url(url);
    }
    if (s != null) {
      builder.conflictStrategy(ConflictStrategy.parse(s));
    }
    if (size != null) {
      builder.batchSize(size);
    }
    if (interval != null) {
      builder.flushInterval(interval);
    }
    if (tables != null) {
      builder.tables(tables);
    }
    schemaFlags(builder, createTables, dropColumns);
    return builder.sourceId(sourceId).build();
  }

  /** Applies {@code --create-tables} and {@code --drop-columns} when given. */
  static void schemaFlags(
      SinkConfig.Builder builder, @Nullable Boolean createTables, @Nullable Boolean dropColumns) {
    if (createTables != null) {
      builder.createTables(createTables);
    }
    if (dropColumns != null) {
      builder.dropColumns(dropColumns);
    }
  }
}
