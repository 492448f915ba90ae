package dev.pgpipe.cli.live;

import dev.pgpipe.cli.Environment;
import dev.pgpipe.cli.market.KeyArgument;
import dev.pgpipe.cli.observe.ObserveOptions;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.cli.supervise.Supervisor;
import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.live.ApiKey;
import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.LiveClientBuilder;
import dev.pgpipe.dbn.live.ReconnectPolicy;
import dev.pgpipe.dbn.live.Subscription;
import dev.pgpipe.market.DbnLoader;
import dev.pgpipe.market.LiveLoad;
import dev.pgpipe.market.LiveStatus;
import dev.pgpipe.market.TablePrefix;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe live}: subscribes to a Databento-compatible live gateway and streams the records
 * into the market tables (the same tables, keys and transforms as {@code pgpipe load}), with a
 * status line on standard error and a summary per table on standard output when the session ends.
 * The API key comes from {@code DATABENTO_API_KEY} or {@code --api-key} and is never printed.
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    description = {
      "Streams a Databento live session into PostgreSQL: a table per schema, as pgpipe load.",
      "The API key comes from $DATABENTO_API_KEY_FILE (a file holding it), $DATABENTO_API_KEY",
      "or --api-key; it is never shown.",
      "A dropped connection is reconnected and the gap reported; Ctrl-C commits and stops."
    })
public final class LiveCommand implements Callable<Integer> {

  @Option(names = "--dataset", required = true, paramLabel = "D", description = "e.g. GLBX.MDP3")
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private String dataset;

  @Option(
      names = "--schema",
      required = true,
      split = ",",
      paramLabel = "S",
      description = "Schemas, e.g. mbo or trades,definition.")
  private List<String> schemas = new ArrayList<>();

  @Option(
      names = "--symbols",
      required = true,
      split = ",",
      paramLabel = "A",
      description = "Symbols, e.g. ES.FUT,NQ.FUT, or ALL_SYMBOLS.")
  private List<String> symbols = new ArrayList<>();

  @Option(
      names = "--stype-in",
      paramLabel = "T",
      description = "Symbology of the symbols: raw_symbol (default), parent, continuous, ...")
  private String stypeIn = "raw_symbol";

  @Option(
      names = "--start",
      paramLabel = "T",
      description = "Replay from T: ISO-8601 instant, date, or ns since the epoch.")
  private @Nullable String start;

  @Option(names = "--snapshot", description = "Begin with a snapshot of the book.")
  private boolean snapshot;

  @Option(
      names = "--gateway",
      paramLabel = "HOST:PORT",
      description = "Gateway address (default: the dataset's, port 13000).")
  private @Nullable String gateway;

  @Mixin private KeyArgument apiKey = new KeyArgument();

  @Mixin private LiveTuning tuning = new LiveTuning();

  @Mixin private ObserveOptions observing = new ObserveOptions();

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  private final Environment environment;

  public LiveCommand(Environment environment) {
    this.environment = environment;
  }

  @Override
  public Integer call() {
    List<Subscription> subscriptions = subscriptions();
    SchemaMode mode = tuning.schemaMode(spec);
    ApiKey key = apiKey.resolve(environment, spec);
    try (Supervisor supervisor =
            Supervisor.start(
                spec.commandLine().getErr(),
                "pgpipe live",
                Duration.ofSeconds(30),
                observing.start(
                    environment, "live", Duration.ofMillis(Math.max(100, tuning.statusMillis))));
        DatabaseTarget target = database.target();
        Database db = target.open(tuning.connections * 4 + 2);
        LiveClient client = client(key);
        LiveLoad load = loader(db, mode).live(new HashSet<>(LiveArguments.schemas(schemas)))) {
      subscriptions.forEach(client::subscribe);
      client.start();
      LiveStatusLine status =
          new LiveStatusLine(
              spec.commandLine().getErr(),
              dataset,
              InstantSource.system(),
              Duration.ofMillis(tuning.statusMillis));
      LiveRun run = new LiveRun(client, load, status);
      supervisor.observability().bind(run.meters());
      supervisor.observability().component("gateway", run.meters()::gateway);
      supervisor.observability().watch("target", db);
      LiveStatus last = supervisor.run(run).stats();
      LiveSummary.print(run.report(), last, spec.commandLine().getOut());
      return 0;
    }
  }

  private List<Subscription> subscriptions() {
    try {
      SType stype = LiveArguments.stype(stypeIn);
      Instant from = start == null ? null : LiveArguments.start(start);
      List<Subscription> all = new ArrayList<>();
      for (Schema schema : LiveArguments.schemas(schemas)) {
        Subscription s = Subscription.of(schema, stype, symbols);
        s = snapshot ? s.withSnapshot() : s;
        all.add(from == null ? s : s.withStart(from));
      }
      return all;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  private LiveClient client(ApiKey key) {
    LiveClientBuilder builder =
        LiveClient.builder()
            .apiKey(key)
            .dataset(dataset)
            .compression(tuning.zstd ? Compression.ZSTD : Compression.NONE)
            .reconnectPolicy(
                tuning.reconnectAttempts == 0
                    ? ReconnectPolicy.none()
                    : ReconnectPolicy.backoff(
                        Duration.ofMillis(tuning.reconnectDelayMillis),
                        Duration.ofSeconds(30),
                        tuning.reconnectAttempts));
    if (gateway != null) {
      builder.gateway(gateway);
    }
    if (tuning.heartbeatSeconds > 0) {
      builder.heartbeatInterval(Duration.ofSeconds(tuning.heartbeatSeconds));
    }
    return builder.build();
  }

  private DbnLoader loader(Database db, SchemaMode mode) {
    return DbnLoader.builder(db)
        .prefix(TablePrefix.parse(tuning.schemaPrefix))
        .mode(mode)
        .connections(tuning.connections)
        .flushInterval(Duration.ofMillis(tuning.flushMillis))
        .build();
  }
}
