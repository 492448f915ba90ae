package dev.pgpipe.cli.verify;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cli.Environment;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.verify.ReplicaVerifier;
import dev.pgpipe.sink.verify.TableComparison;
import dev.pgpipe.sink.verify.TableName;
import dev.pgpipe.sink.verify.VerifyOptions;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe verify}: compares every table of a replica with its source and prints one line per
 * table and a summary. The source is {@code --from}, else {@code POSTGRES_INPUT_*}; the target
 * {@code --to}, else {@code POSTGRES_OUTPUT_*}; the tables {@code --tables}, else {@code
 * POSTGRES_INPUT_TABLES}, else every table of the source with a primary key. Exit codes: 0 when
 * every table is equal, {@value #EXIT_DIFFERENT} when one differs or is missing, 1 when the check
 * itself failed, 2 on a usage error. Passwords are never printed.
 */
@Command(
    name = "verify",
    description = {
      "Checks that a replica still equals its source: row counts and chunked row hashes along",
      "each table's primary key, narrowed down to the keys that are missing, extra or changed.",
      "Each table is read in one REPEATABLE READ snapshot per side; a replica that replication",
      "is still writing to may differ transiently, so verify once it has caught up."
    },
    footer = {
      "",
      "Exit codes: 0 equal, 3 a table differs, 1 the check failed, 2 usage error.",
      "Variables (flags override): POSTGRES_INPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE,",
      "_TABLES; POSTGRES_OUTPUT_HOST, _PORT, _USER, _PASSWORD, _DATABASE."
    },
    mixinStandardHelpOptions = true)
public final class VerifyCommand implements Callable<Integer> {

  /** The exit code when some table of the target differs from the source's. */
  public static final int EXIT_DIFFERENT = 3;

  @Option(
      names = "--from",
      paramLabel = "URL",
      description = "Source PostgreSQL (default: $POSTGRES_INPUT_*).")
  private @Nullable String from;

  @Option(
      names = "--to",
      paramLabel = "URL",
      description = "Target PostgreSQL, the replica (default: $POSTGRES_OUTPUT_*).")
  private @Nullable String to;

  @Option(
      names = "--tables",
      paramLabel = "a,b",
      split = ",",
      description = {
        "Tables to compare, table or schema.table (quote a part with dots: \"a.b\".t)",
        "(default: $POSTGRES_INPUT_TABLES, else every source table with a primary key)."
      })
  private @Nullable List<String> tables;

  @Option(
      names = "--chunk-rows",
      paramLabel = "N",
      description = "Rows per compared chunk (default 10000).")
  private int chunkRows = VerifyOptions.defaults().chunkRows();

  @Option(names = "--json", description = "One JSON object per table, then a summary object.")
  private boolean json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public VerifyCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    if (from == null && environment.get("POSTGRES_INPUT_HOST").isEmpty()) {
      throw usage("name the source: --from URL");
    }
    if (to == null && environment.get(SinkConfig.PREFIX + "HOST").isEmpty()) {
      throw usage("name the target: --to URL");
    }
    if (chunkRows < 1) {
      throw usage("--chunk-rows must be at least 1: " + chunkRows);
    }
    CdcConfig.Builder input = CdcConfig.fromEnvironment(environment.variables());
    SinkConfig.Builder output = SinkConfig.fromEnvironment(environment.variables());
    if (from != null) {
      input.url(from);
    }
    if (to != null) {
      output.url(to);
    }
    CdcConfig source = input.build();
    ConnectionSettings target = Objects.requireNonNull(output.build().connection());
    VerifyOptions options =
        VerifyOptions.defaults()
            .withChunkRows(chunkRows)
            .withTables(names(tables == null ? source.tables() : tables));
    PrintWriter err = spec.commandLine().getErr();
    err.printf(
        Locale.ROOT,
        "pgpipe verify: %s -> %s, chunks of %,d rows%n",
        source.connection(),
        target,
        chunkRows);
    err.flush();
    return run(source.connection(), target, options);
  }

  private int run(ConnectionSettings source, ConnectionSettings target, VerifyOptions options) {
    PrintWriter out = spec.commandLine().getOut();
    try (Database s = open(source);
        Database t = open(target)) {
      List<TableComparison> results =
          ReplicaVerifier.create(s, t, options)
              .verify(
                  result -> {
                    out.println(json ? VerifyJson.table(result) : VerifyText.line(result));
                    out.flush();
                  });
      Tally tally = Tally.of(results);
      out.println(json ? VerifyJson.summary(tally) : VerifyText.summary(tally));
      if (tally.different() > 0 && !json) {
        out.println(VerifyText.TRANSIENT_NOTE);
      }
      out.flush();
      return tally.different() > 0 ? EXIT_DIFFERENT : 0;
    }
  }

  private static Database open(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(1).name("pgpipe-verify").open();
  }

  private List<TableName> names(List<String> given) {
    try {
      return given.stream()
          .map(String::strip)
          .filter(name -> !name.isEmpty())
          .map(TableName::parse)
          .toList();
    } catch (IllegalArgumentException e) {
      throw usage("--tables: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
