package dev.pgpipe.cli.deadletters;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.deadletter.DeadLetterStore;
import dev.pgpipe.sink.deadletter.Origin;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where the dead letters are: the database ({@code --url}, else {@code POSTGRES_OUTPUT_*} when
 * {@code POSTGRES_OUTPUT_HOST} is set, else {@link DatabaseOptions}' choice) and the schema of the
 * pgpipe tables in it.
 */
final class LetterDatabase {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Option(
      names = "--schema",
      paramLabel = "NAME",
      description = "Schema of the pgpipe tables (default: pgpipe).")
  private String schema = "pgpipe";

  @Spec(Spec.Target.MIXEE)
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec command;

  private final Environment environment;

  LetterDatabase(Environment environment) {
    this.environment = environment;
  }

  /** The open database; close it. */
  Opened open() {
    boolean urlGiven = command.commandLine().getParseResult().hasMatchedOption("--url");
    if (!urlGiven && environment.get(SinkConfig.PREFIX + "HOST").isPresent()) {
      ConnectionSettings settings =
          ConnectionSettings.fromEnvironment(environment.variables(), "POSTGRES_OUTPUT");
      return new Opened(pool(settings), "POSTGRES_OUTPUT_*", null);
    }
    DatabaseTarget target = database.target();
    try {
      return new Opened(pool(target.settings()), target.source(), target);
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }

  /**
   * The target a buffer's letters are replayed into: {@code to}, else {@code POSTGRES_OUTPUT_*};
   * empty when neither names one.
   */
  java.util.Optional<Database> openTarget(@Nullable String to) {
    if (to != null) {
      return java.util.Optional.of(pool(ConnectionSettings.parse(to)));
    }
    if (environment.get(SinkConfig.PREFIX + "HOST").isPresent()) {
      return java.util.Optional.of(
          pool(ConnectionSettings.fromEnvironment(environment.variables(), "POSTGRES_OUTPUT")));
    }
    return java.util.Optional.empty();
  }

  /** The sink settings for a replay: the schema, and the conflict strategy of the environment. */
  SinkConfig sinkConfig() {
    return SinkConfig.fromEnvironment(environment.variables()).schema(schema).build();
  }

  DeadLetterStore store(Database db, Origin origin) {
    return switch (origin) {
      case SINK -> DeadLetterStore.sink(db, schema);
      case BUFFER -> DeadLetterStore.buffer(db, schema);
    };
  }

  private static Database pool(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(2).name("pgpipe-deadletters").open();
  }

  /** An open pool, how it was chosen, and the embedded server behind it (if any). */
  record Opened(Database db, String from, @Nullable DatabaseTarget target)
      implements AutoCloseable {
    @Override
    public void close() {
      try {
        db.close();
      } finally {
        if (target != null) {
          target.close();
        }
      }
    }
  }
}
