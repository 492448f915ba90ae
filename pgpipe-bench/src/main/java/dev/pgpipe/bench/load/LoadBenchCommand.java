package dev.pgpipe.bench.load;

import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.synthetic.SyntheticDbn;
import dev.pgpipe.market.DbnLoader;
import dev.pgpipe.market.LoadReport;
import dev.pgpipe.market.TablePrefix;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * {@code pgpipe bench load}: per workload (a synthetic MBO and an MBP-10 file of N records written
 * by pgpipe's encoder), one after the other in one run: {@code pgpipe load} into fresh tables
 * (first load), the same file again (reload, skipped by the load ledger), the CSV pipe a user would
 * otherwise build ({@code dbn decode --csv | psql \copy}, see {@link CsvPipe}), and the server
 * loading its own binary file into the same table with its key ({@link ServerFile}). Prints rows/s
 * and the ratios; the goals are first load ≥ 0.9 × the server's file and reload ≤ 0.1 × the first
 * load.
 */
@Command(
    name = "load",
    description =
        "DBN files into PostgreSQL: pgpipe load vs CSV | psql \\copy vs the server's file.",
    mixinStandardHelpOptions = true)
public final class LoadBenchCommand implements Callable<Integer> {

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli
  private DatabaseOptions database;

  @Option(names = "--records", description = "Records per file (default ${DEFAULT-VALUE}).")
  private long records = 2_000_000;

  @Option(names = "--schemas", split = ",", description = "Workloads (default mbo,mbp-10).")
  private List<String> schemas = List.of("mbo", "mbp-10");

  @Option(
      names = "--connections",
      paramLabel = "K",
      description = "COPY connections of pgpipe load (default ${DEFAULT-VALUE}).")
  private int connections = 2;

  @Option(names = "--dir", description = "Where the synthetic files go (default: temp directory).")
  private Path directory = Path.of(System.getProperty("java.io.tmpdir"));

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (records < 1 || connections < 1) {
      throw new ParameterException(spec.commandLine(), "--records and --connections must be > 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    List<Map<String, Object>> workloads = new ArrayList<>();
    try (DatabaseTarget target = database.target();
        Database db = target.open(connections * 4 + 2)) {
      warmUp(db, out);
      for (String name : schemas) {
        Schema schema = schema(name);
        workloads.add(new Workload(db, target, schema, out).run());
      }
    }
    JsonReport.write(json, Map.of("workloads", workloads));
    return 0;
  }

  private Schema schema(String name) {
    for (Schema schema : Schema.values()) {
      if (schema.text().equals(name) && (schema == Schema.MBO || schema == Schema.MBP_10)) {
        return schema;
      }
    }
    throw new ParameterException(spec.commandLine(), "--schemas takes mbo and mbp-10: " + name);
  }

  private void warmUp(Database db, PrintWriter out) {
    out.println("warming up (untimed): 200,000 MBO records through pgpipe load ...");
    out.flush();
    Path file = SyntheticDbn.write(directory, Schema.MBO, 200_000);
    loader(db, "bench_load_warmup").load(List.of(file));
    db.sql("DROP SCHEMA bench_load_warmup CASCADE").update();
  }

  private DbnLoader loader(Database db, String schema) {
    return DbnLoader.builder(db)
        .prefix(new TablePrefix(schema, ""))
        .connections(connections)
        .build();
  }

  /** One schema's four runs. */
  private final class Workload {
    private final Database db;
    private final DatabaseTarget target;
    private final Schema schema;
    private final PrintWriter out;

    Workload(Database db, DatabaseTarget target, Schema schema, PrintWriter out) {
      this.db = db;
      this.target = target;
      this.schema = schema;
      this.out = out;
    }

    Map<String, Object> run() {
      out.printf(Locale.ROOT, "%s: writing %,d records ...%n", schema.text(), records);
      out.flush();
      Path file = SyntheticDbn.write(directory, schema, records);
      String table = schema.text().replace('-', '_');
      db.sql("DROP SCHEMA IF EXISTS bench_load CASCADE").update();
      double first = timed(() -> check(loader(db, "bench_load").load(List.of(file)), false));
      double reload = timed(() -> check(loader(db, "bench_load").load(List.of(file)), true));
      Path serverFile = directory.resolve("bench-load-" + table + ".bin");
      ServerFile.export(db, "bench_load." + table, serverFile);
      double server =
          ServerFile.load(db, "bench_load." + table, "bench_load.server_" + table, serverFile);
      double csv = Double.NaN;
      if (CsvPipe.available()) {
        CsvPipe.createTable(db, "bench_load.csv_" + table, file);
        csv = CsvPipe.run(target.settings(), "bench_load.csv_" + table, file);
      } else {
        out.println("  (no " + CsvPipe.PSQL + ": the CSV pipe is left out)");
      }
      long csvRows = count("bench_load.csv_" + table, csv);
      long serverRows = count("bench_load.server_" + table, server);
      cleanUp(serverFile);
      print(first, reload, csv, server, csvRows, serverRows);
      Map<String, Object> figures = new LinkedHashMap<>();
      figures.put("schema", schema.text());
      figures.put("records", records);
      figures.put("pgpipe_first_s", first);
      figures.put("pgpipe_reload_s", reload);
      figures.put("csv_pipe_s", Double.isNaN(csv) ? null : csv);
      figures.put("server_file_s", server);
      return figures;
    }

    private void check(LoadReport report, boolean reload) {
      if (reload ? report.sourcesSkipped() != 1 : report.rows() != records) {
        throw new IllegalStateException("unexpected load: " + report);
      }
    }

    private long count(String table, double seconds) {
      return Double.isNaN(seconds) ? 0 : db.sql("SELECT count(*) FROM " + table).scalar(Long.class);
    }

    private void cleanUp(Path serverFile) {
      db.sql("DROP SCHEMA IF EXISTS bench_load CASCADE").update();
      try {
        Files.deleteIfExists(serverFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void print(
        double first, double reload, double csv, double server, long csvRows, long serverRows) {
      if (serverRows != records || (!Double.isNaN(csv) && csvRows != records)) {
        throw new IllegalStateException(
            "row counts differ: server file " + serverRows + ", CSV pipe " + csvRows);
      }
      String row = "  %-30s %8.2f s  %,12.0f rows/s  %s%n";
      out.printf(
          Locale.ROOT,
          row,
          "pgpipe load, first",
          first,
          records / first,
          String.format(Locale.ROOT, "%.2f x server file", server / first));
      out.printf(
          Locale.ROOT,
          row,
          "pgpipe load, reload (ledger)",
          reload,
          records / reload,
          String.format(Locale.ROOT, "%.3f x first load's time", reload / first));
      if (!Double.isNaN(csv)) {
        out.printf(
            Locale.ROOT,
            row,
            "dbn decode --csv | psql \\copy",
            csv,
            records / csv,
            String.format(Locale.ROOT, "%.2f x server file", server / csv));
      }
      out.printf(Locale.ROOT, row, "server's own binary file", server, records / server, "1.00");
      out.flush();
    }
  }

  private static double timed(Runnable run) {
    long start = System.nanoTime();
    run.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
