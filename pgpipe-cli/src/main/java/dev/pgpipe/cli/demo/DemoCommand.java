package dev.pgpipe.cli.demo;

import dev.pgpipe.cli.observe.Observability;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe demo}: a first look at pgpipe's main jobs, each step saying what it did, how fast,
 * and how to look at the result. A synthetic DBN file written by pgpipe's own encoder, loaded as
 * {@code pgpipe load} loads it ({@link DemoMarket}); typed Java records written with {@code
 * BatchWriter}, next to the server's own limit ({@link DemoTypedLoad}); a table replicated under
 * writes into a second database with the metrics endpoint up, then checked as {@code pgpipe verify}
 * checks it ({@link DemoReplication}).
 */
@Command(
    name = "demo",
    description = {
      "Shows pgpipe's main jobs on the database (the embedded one by default), in under a minute:",
      "loads a synthetic DBN file into the schema pgpipe_demo (dropped and recreated), writes typed",
      "records with BatchWriter next to the server's own limit, then replicates",
      "pgpipe_demo_orders under writes into the database <db>_replica (dropped and recreated)",
      "with metrics served, and checks the copy as pgpipe verify does."
    })
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--records",
      paramLabel = "N",
      description = "MBO records of the DBN file (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000000")
  private long records;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "Typed rows written with BatchWriter (default: ${DEFAULT-VALUE}).",
      defaultValue = "1000000")
  private long rows;

  @Option(
      names = "--replicate-seconds",
      paramLabel = "S",
      description =
          "Seconds of writes during the replication part, 0 to skip it (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  private int replicateSeconds;

  @Option(
      names = "--replicate-rate",
      paramLabel = "N",
      description =
          "Rows per second written during the replication part (default: ${DEFAULT-VALUE}).",
      defaultValue = "5000")
  private int replicateRate;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port of /metrics, /health and /ready while the demo runs, on 127.0.0.1"
              + " (default: any free port).",
      defaultValue = "0")
  private int metricsPort;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (records < 1 || rows < 1 || replicateSeconds < 0 || replicateRate < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--records, --rows and --replicate-rate must be >= 1, --replicate-seconds >= 0: "
              + records
              + ", "
              + rows
              + ", "
              + replicateRate
              + ", "
              + replicateSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    Stopwatch total = Stopwatch.start();
    try (Observability observe =
            Observability.serve("127.0.0.1", metricsPort, "demo", Duration.ofSeconds(1));
        DatabaseTarget target = database.target();
        Database db = target.open(8)) {
      observe.watch("database", db);
      String version = db.sql("SHOW server_version").scalar(String.class);
      out.printf("connected to PostgreSQL %s (%s) in %s%n", version, target.source(), total.lap());
      out.printf(
          "the demo's metrics while it runs: http://127.0.0.1:%d/metrics (and /ready, /health)%n",
          observe.port());
      step(out, "1/3 market data: a DBN file into tables, as pgpipe load does it");
      new DemoMarket(records, out, spec.commandLine().getErr()).run(db);
      step(out, "2/3 typed records: Java records into a table with BatchWriter");
      new DemoTypedLoad(rows, out).run(db);
      if (replicateSeconds > 0) {
        step(out, "3/3 replication: a table under writes into a second database");
        Duration writes = Duration.ofSeconds(replicateSeconds);
        new DemoReplication(target.settings(), writes, replicateRate, observe.port(), out).run(db);
      }
      out.printf(
          "demo done in %s; the tables stay: pgpipe sql \"\\dt pgpipe_demo.*\"%n", total.lap());
      out.flush();
      return 0;
    }
  }

  private static void step(PrintWriter out, String title) {
    out.printf("%n== %s%n", title);
    out.flush();
  }
}
