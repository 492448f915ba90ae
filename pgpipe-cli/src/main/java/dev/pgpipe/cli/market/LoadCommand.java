package dev.pgpipe.cli.market;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.observe.Observability;
import dev.pgpipe.cli.observe.ObserveOptions;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.market.DbnLoader;
import dev.pgpipe.market.DbnLoaderBuilder;
import dev.pgpipe.market.LoadFailedException;
import dev.pgpipe.market.LoadReport;
import dev.pgpipe.market.Partitioning;
import dev.pgpipe.market.TablePrefix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe load FILE...}: loads DBN files into a table per schema, showing progress on
 * standard error and a summary per table on standard output. Loading a file again adds no rows; a
 * corrupt file stops the load with the decoder's message and the rows loaded before it.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Loads DBN files into PostgreSQL: a table per schema (mbo, trades, mbp_1, ohlcv_1m, ...).",
      "Plain or zstd, DBN version 1 to 3; several schemas in one file fill several tables.",
      "Reloading a file adds no rows (each table has a key of timestamp, instrument, publisher"
          + " and tie number); a file the load ledger (dbn_load_ledger) holds whole is skipped"
          + " without being read.",
      "A file whose time range holds no rows yet goes straight in with binary COPY; an"
          + " overlapping one is staged and merged with ON CONFLICT DO NOTHING.",
      "In bootstrap mode each table gets a view <table>_decimal with prices as numeric(19,9)."
    })
public final class LoadCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "DBN files (.dbn, .dbn.zst).")
  private List<Path> files = new ArrayList<>();

  @Option(
      names = "--schema-prefix",
      paramLabel = "P",
      description = {
        "Where the tables go: [schema.]prefix, e.g. market. (market.trades),",
        "glbx_ (public.glbx_trades) or market.glbx_ (market.glbx_trades). Default: public."
      })
  private String schemaPrefix = "";

  @Option(
      names = "--mode",
      paramLabel = "MODE",
      description = {
        "bootstrap (default): create missing schema, tables and views, then check them;",
        "strict: the tables must exist exactly; warn: log safe differences and go on."
      })
  private String mode = "bootstrap";

  @Option(
      names = "--connections",
      paramLabel = "K",
      description = "COPY connections per table (default: ${DEFAULT-VALUE}).")
  private int connections = 2;

  @Option(
      names = "--partition",
      paramLabel = "day|month",
      description = {
        "Create missing tables as native range partitions on their key timestamp (ts_recv_ns,",
        "ts_event_ns for bars), one partition per UTC day or month, made as rows arrive."
      })
  private String partition = "none";

  @Option(
      names = "--fragment",
      paramLabel = "V",
      description = "Read the files as metadata-less DBN fragments of version V (1 to 3).")
  private @Nullable Integer fragment;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Mixin private ObserveOptions observing = new ObserveOptions();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    SchemaMode schemaMode = schemaMode();
    if (connections < 1) {
      throw new ParameterException(
          spec.commandLine(), "--connections must be >= 1: " + connections);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressLine progress = new ProgressLine(err);
    Partitioning partitioning = partitioning();
    LoadMeters meters = new LoadMeters();
    try (Observability observe =
            observing.start(Environment.system(), "load", Duration.ofSeconds(1));
        DatabaseTarget target = database.target();
        Database db = target.open(connections * 4 + 2)) {
      observe.bind(meters);
      observe.watch("target", db);
      DbnLoader loader = loader(db, schemaMode, partitioning, meters, progress);
      try {
        LoadReport report = loader.load(files);
        progress.end();
        Summary.print(report, files.size(), out);
        return 0;
      } catch (LoadFailedException e) {
        progress.end();
        Summary.print(e.report(), files.size(), out);
        throw e;
      }
    }
  }

  private DbnLoader loader(
      Database db,
      SchemaMode schemaMode,
      Partitioning partitioning,
      LoadMeters meters,
      ProgressLine progress) {
    DbnLoaderBuilder builder =
        DbnLoader.builder(db)
            .prefix(TablePrefix.parse(schemaPrefix))
            .mode(schemaMode)
            .connections(connections)
            .partitioning(partitioning)
            .progress(
                Duration.ofMillis(250),
                p -> {
                  meters.progress(p);
                  progress.show(p);
                });
    if (fragment != null) {
      builder.fragment(fragment);
    }
    return builder.build();
  }

  private Partitioning partitioning() {
    try {
      return Partitioning.parse(partition);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private SchemaMode schemaMode() {
    try {
      return SchemaMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), "--mode must be bootstrap, strict or warn: " + mode, e);
    }
  }
}
