package dev.pgpipe.bench.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.Subscription;
import dev.pgpipe.market.DbnLoader;
import dev.pgpipe.market.LiveLoad;
import dev.pgpipe.market.TablePrefix;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench live}: a local gateway sends MBO as fast as the socket takes it; the live
 * client decodes it and the live load writes it into {@code bench_live.mbo} through the COPY
 * writers. Reports the sustained rate and where the client's CPU goes: decoding, transforming and
 * encoding, sending COPY data, the rest of the JVM, and how long the loop waits on the database.
 */
@Command(
    name = "live",
    description = "Live MBO from a local gateway into PostgreSQL: records/s, client CPU by stage.",
    mixinStandardHelpOptions = true)
public final class LiveBenchCommand implements Callable<Integer> {

  /** Any 32 characters: the benchmark gateway accepts every response. */
  private static final String KEY = "bench-key-not-a-real-one-000000x";

  private static final String SCHEMA = "bench_live";

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(names = "--seconds", description = "Timed window (default ${DEFAULT-VALUE}).")
  private int seconds = 30;

  @Option(names = "--warmup-seconds", description = "Untimed first (default ${DEFAULT-VALUE}).")
  private int warmupSeconds = 5;

  @Option(
      names = "--connections",
      paramLabel = "K",
      description = "COPY connections (default ${DEFAULT-VALUE}).")
  private int connections = 2;

  @Option(names = "--keep", description = "Keep the table bench_live.mbo afterwards.")
  private boolean keep;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (seconds < 1 || warmupSeconds < 0 || connections < 1) {
      throw new ParameterException(
          spec.commandLine(), "--seconds and --connections must be > 0, --warmup-seconds >= 0");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "MBO from a local gateway into %s.mbo, %d COPY connection(s): %d s warm-up, %d s timed%n",
        SCHEMA, connections, warmupSeconds, seconds);
    out.flush();
    LivePump.Window window;
    try (FastGateway gateway = FastGateway.start(4096);
        DatabaseTarget target = database.target();
        Database db = target.open(connections * 2 + 2)) {
      db.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
      try {
        window = measure(db, gateway);
      } finally {
        if (!keep) {
          db.sql("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").update();
        }
      }
    }
    ObjectNode report = LiveBenchReport.print(window, connections, out);
    JsonReport.write(json, report);
    return 0;
  }

  private LivePump.Window measure(Database db, FastGateway gateway) {
    DbnLoader loader =
        DbnLoader.builder(db).prefix(new TablePrefix(SCHEMA, "")).connections(connections).build();
    try (LiveClient client =
            LiveClient.builder()
                .apiKey(KEY)
                .dataset("GLBX.MDP3")
                .gateway(gateway.address())
                .build();
        LiveLoad load = loader.live(Set.of(Schema.MBO))) {
      client.subscribe(Subscription.of(Schema.MBO, SType.RAW_SYMBOL, Subscription.ALL_SYMBOLS));
      client.start();
      LivePump.Window window =
          new LivePump(client, load, gateway.thread())
              .run(warmupSeconds * 1_000_000_000L, seconds * 1_000_000_000L);
      client.close();
      load.finish();
      return window;
    }
  }
}
