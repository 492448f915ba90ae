package dev.pgpipe.cli.cdc;

import dev.pgpipe.cdc.ddl.DdlCapture;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe setup-ddl-capture}: installs on the source ({@link DdlCapture}) the event triggers
 * that write each DDL command into the WAL, so the change stream carries schema changes with their
 * attnums where they happened; {@code --remove} drops them. The source is {@code --url}; else
 * {@code POSTGRES_INPUT_HOST} (with {@code _PORT}, {@code _USER}, {@code _PASSWORD}, {@code
 * _DATABASE}) when set; else what {@link DatabaseOptions} picks. Needs a superuser; fails (exit 1)
 * with what to do otherwise.
 */
@Command(
    name = "setup-ddl-capture",
    description = {
      "Installs DDL capture on the source: event triggers that write each DDL command, with",
      "object identities and column attnums, into the WAL as a 'pgpipe.ddl' logical message,",
      "so renames are told from drop+add and schema changes arrive exactly where they happened.",
      "Needs a superuser. Idempotent; --remove drops everything it installed."
    },
    footer = {
      "",
      "Variables (flags override): POSTGRES_INPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE."
    },
    mixinStandardHelpOptions = true)
public final class SetupDdlCaptureCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Option(
      names = "--remove",
      description = "Drop the event triggers, the functions and, when empty, schema pgpipe.")
  private boolean remove;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public SetupDdlCaptureCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (fromEnvironment()) {
      run(ConnectionSettings.fromEnvironment(environment.variables(), "POSTGRES_INPUT"), out);
    } else {
      try (DatabaseTarget target = database.target()) {
        run(target.settings(), out);
      }
    }
    out.flush();
    return 0;
  }

  private void run(ConnectionSettings source, PrintWriter out) {
    String where = "database " + source.database() + " on " + source.host() + ":" + source.port();
    if (remove) {
      List<String> dropped = DdlCapture.remove(source);
      out.println(
          dropped.isEmpty()
              ? "DDL capture was not installed in " + where + "; nothing to remove"
              : "removed DDL capture from " + where + ": " + String.join(", ", dropped));
      return;
    }
    List<String> warnings = DdlCapture.install(source);
    out.println(
        "installed DDL capture in "
            + where
            + ": event triggers "
            + String.join(", ", DdlCapture.TRIGGERS)
            + " and functions "
            + String.join(", ", DdlCapture.FUNCTIONS)
            + " in schema "
            + DdlCapture.SCHEMA);
    PrintWriter err = spec.commandLine().getErr();
    warnings.forEach(w -> err.println("warning: " + w));
    err.flush();
  }

  /** Whether the source comes from {@code POSTGRES_INPUT_*}: no {@code --url}, host set. */
  private boolean fromEnvironment() {
    return !spec.commandLine().getParseResult().hasMatchedOption("--url")
        && environment.get(CdcCommand.HOST_VARIABLE).isPresent();
  }
}
