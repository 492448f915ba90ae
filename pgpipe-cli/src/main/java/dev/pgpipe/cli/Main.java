package dev.pgpipe.cli;

import dev.pgpipe.cli.dbn.DbnCommand;
import dev.pgpipe.cli.demo.DemoCommand;
import dev.pgpipe.cli.market.LoadCommand;
import dev.pgpipe.cli.server.ServerCommand;
import dev.pgpipe.cli.spi.CommandProvider;
import dev.pgpipe.cli.sql.SqlCommand;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe}: the entry point and root command.
 *
 * <p>Built-in subcommands are listed in the annotation; others come from {@link CommandProvider}s
 * on the class path (see {@link #commandLine(Environment)}). Every command, mixin and subcommand is
 * created by a factory that hands the command line's {@link Environment} to the classes whose
 * constructor takes one. Exit codes: 0 on success, 1 when a command fails (the message goes to
 * standard error, the stack trace too when {@code PGPIPE_DEBUG} is set), 2 on a usage error.
 */
@Command(
    name = "pgpipe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Moves data into and out of PostgreSQL, fast and without losing any of it.",
    subcommands = {
      HelpCommand.class,
      DemoCommand.class,
      SqlCommand.class,
      ServerCommand.class,
      DbnCommand.class,
      dev.pgpipe.cli.cdc.CdcCommand.class,
      dev.pgpipe.cli.cdc.SlotsCommand.class,
      dev.pgpipe.cli.cdc.SetupDdlCaptureCommand.class,
      LoadCommand.class,
      dev.pgpipe.cli.market.FetchCommand.class,
      dev.pgpipe.cli.live.LiveCommand.class,
      dev.pgpipe.cli.nats.SinkCommand.class,
      dev.pgpipe.cli.sink.ReplicateCommand.class,
      dev.pgpipe.cli.sink.BufferCommand.class,
      dev.pgpipe.cli.verify.VerifyCommand.class,
      dev.pgpipe.cli.deadletters.DeadLettersCommand.class,
      dev.pgpipe.cli.status.StatusCommand.class,
      dev.pgpipe.cli.backfill.BackfillCommand.class
    },
    footer = {
      "",
      "Without --url, PGPIPE_URL or PGHOST, commands use the embedded PostgreSQL:",
      "data in ~/.pgpipe/pg (or $PGPIPE_HOME/pg, or --data-dir),",
      "port 54329 (or $PGPIPE_EMBEDDED_PORT).",
      "",
      "Secrets: keep passwords out of URLs on the command line, where `ps` shows them.",
      "Use files instead: PGPASSFILE or ~/.pgpass, POSTGRES_INPUT_PASSWORD_FILE,",
      "POSTGRES_OUTPUT_PASSWORD_FILE, DATABENTO_API_KEY_FILE, NATS_CREDS, NATS_NKEY,",
      "NATS_PASSWORD_FILE.",
      "TLS: POSTGRES_INPUT_SSLMODE and _SSLROOTCERT, the same for POSTGRES_OUTPUT_*,",
      "and NATS_CA.",
      "",
      "'pgpipe help COMMAND' shows the options of a command."
    })
public final class Main implements Callable<Integer> {

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  /** {@code pgpipe} alone: a usage error that lists the commands. */
  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    commandLine.getErr().println("pgpipe: missing command");
    commandLine.usage(commandLine.getErr());
    return spec.exitCodeOnInvalidInput();
  }

  /**
   * The whole command line: the root command, the built-in subcommands and those of every {@link
   * CommandProvider} found by {@link ServiceLoader}, with the error handling of {@code pgpipe}.
   *
   * @throws picocli.CommandLine.InitializationException when a provided command's name is taken
   */
  public static CommandLine commandLine(Environment environment) {
    CommandLine commandLine = new CommandLine(new Main(), new EnvironmentFactory(environment));
    for (CommandProvider provider : ServiceLoader.load(CommandProvider.class)) {
      for (Object command : provider.commands()) {
        commandLine.addSubcommand(command);
      }
    }
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setExecutionExceptionHandler(new FailureHandler(environment));
    commandLine.setParameterExceptionHandler(new UsageErrorHandler());
    commandLine.setExecutionStrategy(
        parseResult -> {
          if (PasswordInArguments.any(parseResult.originalArgs())) {
            parseResult.commandSpec().commandLine().getErr().println(PasswordInArguments.WARNING);
          }
          if (PasswordInArguments.apiKey(parseResult.originalArgs())) {
            parseResult
                .commandSpec()
                .commandLine()
                .getErr()
                .println(PasswordInArguments.KEY_WARNING);
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    return commandLine;
  }

  /** Runs {@code pgpipe} and exits with its exit code. */
  public static void main(String[] args) {
    System.exit(commandLine(Environment.system()).execute(args));
  }
}
