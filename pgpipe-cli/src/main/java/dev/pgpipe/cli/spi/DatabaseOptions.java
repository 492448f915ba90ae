package dev.pgpipe.cli.spi;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.embedded.Banner;
import dev.pgpipe.cli.embedded.EmbeddedServer;
import dev.pgpipe.cli.embedded.EmbeddedSettings;
import dev.pgpipe.client.ConnectionSettings;
import java.nio.file.Path;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The database options shared by commands: mix it in with picocli's {@code @Mixin} and call {@link
 * #target()}.
 *
 * <p>The database is, in this order: {@code --url}; the {@code PGPIPE_URL} variable; the standard
 * libpq variables ({@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code PGUSER}, {@code
 * PGPASSWORD}, {@code PGSSLMODE}) when {@code PGHOST} is set; otherwise the embedded PostgreSQL,
 * started or reused, which is announced on standard error with its data directory and the {@code
 * psql} command that reaches it.
 */
public final class DatabaseOptions {

  static final String URL_VARIABLE = "PGPIPE_URL";

  @Option(
      names = "--url",
      paramLabel = "URL",
      description = {
        "PostgreSQL to use: postgres://user@host:port/db or jdbc:postgresql://...",
        "Default: $PGPIPE_URL, else the PG* variables when PGHOST is set,",
        "else the embedded PostgreSQL. Keep the password out of it (ps shows",
        "arguments): PGPASSFILE or ~/.pgpass supply it."
      })
  private @Nullable String url;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description =
          "Data directory of the embedded PostgreSQL (default: $PGPIPE_HOME/pg, else ~/.pgpipe/pg).")
  private @Nullable Path dataDirectory;

  @Spec(Spec.Target.MIXEE)
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec command;

  private final Environment environment;

  /**
   * Options that read {@code PGPIPE_URL}, the {@code PG*} variables and the embedded server's
   * settings from {@code environment}. Picocli calls this through the factory of {@link
   * dev.pgpipe.cli.Main#commandLine}: declare the {@code @Mixin} field without a value.
   */
  public DatabaseOptions(Environment environment) {
    this.environment = environment;
  }

  /**
   * Resolves the database, starting or reusing the embedded server when none is named.
   *
   * @throws IllegalArgumentException for a malformed URL or variable
   * @throws IllegalStateException when the embedded server cannot start
   */
  public DatabaseTarget target() {
    if (url != null) {
      return new DatabaseTarget(ConnectionSettings.parse(url), "--url", null);
    }
    Optional<String> fromVariable = environment.get(URL_VARIABLE);
    if (fromVariable.isPresent()) {
      return new DatabaseTarget(ConnectionSettings.parse(fromVariable.get()), URL_VARIABLE, null);
    }
    if (environment.get("PGHOST").isPresent()) {
      ConnectionSettings settings = ConnectionSettings.fromEnvironment(environment.variables());
      return new DatabaseTarget(settings, "PGHOST and the other PG* variables", null);
    }
    EmbeddedServer server =
        EmbeddedSettings.resolve(dataDirectory, null, environment).startOrReuse();
    Banner.print(server, command.commandLine().getErr());
    return new DatabaseTarget(ConnectionSettings.parse(server.url()), "embedded", server);
  }
}
