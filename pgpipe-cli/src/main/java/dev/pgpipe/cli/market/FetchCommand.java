package dev.pgpipe.cli.market;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import dev.pgpipe.market.DbnLoader;
import dev.pgpipe.market.FetchProgress;
import dev.pgpipe.market.LoadReport;
import dev.pgpipe.market.Partitioning;
import dev.pgpipe.market.TablePrefix;
import java.io.PrintWriter;
import java.net.URI;
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
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe fetch}: Databento's Historical API straight into the market tables, through the
 * same loader and load ledger as {@code pgpipe load}; or into a file with {@code --output}; or only
 * its record count, size and cost with {@code --dry-run}.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetches timeseries.get_range from Databento's Historical API straight into PostgreSQL:",
      "no temporary file; fetching a range again adds nothing; a broken-off stream resumes where",
      "its committed rows end. More than 2,000 symbols or a range longer than --span is split",
      "into several requests, loaded in order. Key from DATABENTO_API_KEY or --api-key."
    })
public final class FetchCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "D", description = "e.g. GLBX.MDP3")
  private String dataset = "";

  @Option(
      names = "--schema",
      required = true,
      split = ",",
      paramLabel = "S",
      description = "mbo, mbp-10, trades, ohlcv-1m, definition, ... (several: a request each)")
  private List<String> schemas = new ArrayList<>();

  @Option(
      names = "--symbols",
      required = true,
      split = ",",
      paramLabel = "A,B",
      description = "Symbols, or ALL_SYMBOLS.")
  private List<String> symbols = new ArrayList<>();

  @Option(names = "--start", required = true, paramLabel = "T", description = "Inclusive.")
  private String start = "";

  @Option(names = "--end", paramLabel = "T", description = "Exclusive (default: the API's).")
  private @Nullable String end;

  @Option(names = "--stype-in", paramLabel = "X", description = "Default ${DEFAULT-VALUE}.")
  private String stypeIn = "raw_symbol";

  @Option(names = "--limit", paramLabel = "N", description = "At most N records per request.")
  private long limit;

  @Option(names = "--span", description = "Longest time per request (default ${DEFAULT-VALUE}).")
  private Duration span = Duration.ofDays(1);

  @Option(
      names = "--output",
      paramLabel = "FILE.dbn.zst",
      description = "Save the DBN instead of loading it (parts of a split fetch get .1, .2, ...).")
  private @Nullable Path output;

  @Option(names = "--base-url", paramLabel = "URL", description = "Default hist.databento.com.")
  private URI baseUrl = HistoricalClient.DEFAULT_BASE;

  @Option(names = "--dry-run", description = "Print record count, billable size and cost only.")
  private boolean dryRun;

  @Mixin private KeyArgument apiKey = new KeyArgument();

  @Option(names = "--schema-prefix", paramLabel = "P", description = "As for load.")
  private String schemaPrefix = "";

  @Option(names = "--partition", paramLabel = "day|month", description = "As for load.")
  private String partition = "none";

  @Option(names = "--connections", paramLabel = "K", description = "COPY connections per table.")
  private int connections = 1;

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public FetchCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<RangeRequest> requests = requests();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HistoricalClient client =
        HistoricalClient.builder(apiKey.resolve(environment, spec))
            .baseUrl(baseUrl)
            .warnings(w -> err.println("warning from the API: " + w))
            .build();
    if (dryRun) {
      DryRun.print(client, requests, out);
      return 0;
    }
    if (output != null) {
      FetchToFile.save(client, requests, output, new ProgressLine(err), out);
      return 0;
    }
    return load(client, requests, out, err);
  }

  private int load(
      HistoricalClient client, List<RangeRequest> requests, PrintWriter out, PrintWriter err) {
    ProgressLine progress = new ProgressLine(err);
    try (DatabaseTarget target = database.target();
        Database db = target.open(connections * 4 + 2)) {
      DbnLoader loader =
          DbnLoader.builder(db)
              .prefix(TablePrefix.parse(schemaPrefix))
              .mode(SchemaMode.BOOTSTRAP)
              .connections(connections)
              .partitioning(Partitioning.parse(partition))
              .progress(Duration.ofMillis(250), p -> {})
              .build();
      try {
        LoadReport report = loader.fetch(client, requests, p -> progress.show(text(p)));
        progress.end();
        Summary.print(report, requests.size(), out);
        return 0;
      } finally {
        progress.end();
      }
    }
  }

  static String text(FetchProgress p) {
    return String.format(
        Locale.ROOT,
        "request %d/%d: %s received, %,d records (%,.0f/s), %,d rows committed",
        p.request() + 1,
        p.requests(),
        ProgressLine.bytes(p.bytes()),
        p.records(),
        p.recordsPerSecond(),
        p.rowsCommitted());
  }

  private List<RangeRequest> requests() {
    if (span.isNegative() || span.isZero()) {
      throw new ParameterException(spec.commandLine(), "--span must be > 0: " + span);
    }
    try {
      List<RangeRequest> all = new ArrayList<>();
      for (String schema : schemas) {
        RangeRequest whole =
            new RangeRequest(dataset, schema.strip(), symbols, start, end, stypeIn, limit);
        all.addAll(whole.split(span.toNanos()));
      }
      return all;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }
}
