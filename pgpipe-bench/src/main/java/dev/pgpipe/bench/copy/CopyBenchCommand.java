package dev.pgpipe.bench.copy;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench copy}: the same N trades loaded, without and then with a primary key, by
 * pgpipe's typed binary COPY on 1 and K connections, pgjdbc's CopyManager fed CSV, JDBC batched
 * INSERT with {@code reWriteBatchedInserts=true}, and the server reading the rows from a binary
 * file on its own disk (written by its own {@code COPY TO}), which bounds what one connection can
 * reach. Every load goes into a freshly created table and is checked by row count and checksum.
 * Needs a superuser (or the pg_read/write_server_files roles) for the server-file variant.
 */
@Command(
    name = "copy",
    description = "Bulk load: pgpipe binary COPY vs CSV CopyManager, batched INSERT, server file.",
    mixinStandardHelpOptions = true)
public final class CopyBenchCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(names = "--rows", description = "Rows per load (default ${DEFAULT-VALUE}).")
  private int rows = 5_000_000;

  @Option(
      names = "--connections",
      paramLabel = "K",
      description = "Connections of the parallel pgpipe load (default ${DEFAULT-VALUE}).")
  private int connections = 2;

  @Option(
      names = "--server-file",
      paramLabel = "PATH",
      description = "The binary file on the server's disk (default: a file in the temp directory).")
  private String serverFile =
      Path.of(
              System.getProperty("java.io.tmpdir"),
              "pgpipe-bench-copy-" + ProcessHandle.current().pid() + ".bin")
          .toString();

  @Option(
      names = "--warmup-rows",
      description =
          "Rows each client path loads untimed first, for the JIT (default ${DEFAULT-VALUE}).")
  private int warmupRows = 100_000;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1 || connections < 1) {
      throw new ParameterException(
          spec.commandLine(), "--rows and --connections must be > 0: " + rows + ", " + connections);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf("generating %,d trades ...%n", rows);
    out.flush();
    Trade[] trades = Trades.generate(rows);
    CopyReport report;
    try (DatabaseTarget target = database.target();
        Database db = target.open(connections + 1);
        Database rewriting = openRewriting(target.settings())) {
      LoadRunner runner = new LoadRunner(db, rewriting, trades, serverFile, connections, out);
      try {
        if (warmupRows > 0) {
          out.printf("warming up the client paths on %,d rows (untimed) ...%n", warmupRows);
          out.flush();
          runner.warmUp(warmupRows);
        }
        out.println("without a primary key:");
        List<Load> noKey = runner.runAll(false);
        out.println("with the primary key (instrument_id, sequence):");
        List<Load> withKey = runner.runAll(true);
        report = new CopyReport(rows, connections, noKey, withKey);
      } finally {
        cleanUp(db, out);
      }
    }
    report.print(out);
    if (json != null) {
      report.writeJson(json);
    }
    return 0;
  }

  private static Database openRewriting(ConnectionSettings settings) {
    Map<String, String> parameters = new HashMap<>(settings.parameters());
    parameters.put("reWriteBatchedInserts", "true");
    ConnectionSettings rewriting =
        new ConnectionSettings(
            settings.host(),
            settings.port(),
            settings.database(),
            settings.user(),
            settings.password(),
            parameters);
    return Database.builder().settings(rewriting).maxSize(1).name("bench-insert").open();
  }

  private void cleanUp(Database db, PrintWriter out) {
    db.sql("DROP TABLE IF EXISTS " + Trades.TABLE).update();
    db.sql("DROP TABLE IF EXISTS " + Loads.LEDGER).update();
    try {
      Files.deleteIfExists(Path.of(serverFile));
    } catch (IOException e) {
      out.println("could not delete the server's file " + serverFile + ": " + e);
    }
  }
}
