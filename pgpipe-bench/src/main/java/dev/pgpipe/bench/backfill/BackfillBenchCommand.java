package dev.pgpipe.bench.backfill;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Replicator;
import dev.pgpipe.sink.ReplicatorStats;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.backfill.BackfillOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench backfill}: the rate at which {@code pgpipe replicate} backfills a table added
 * to its {@code --tables} while a writer changes {@code --rate} rows a second (half of them in the
 * table being backfilled), and the replication lag meanwhile. Creates the databases {@value
 * #SOURCE} and {@value #TARGET}, dropped afterwards unless the backfilled table does not equal the
 * source at the end: then it exits with 1 and keeps them, to be compared.
 */
@Command(
    name = "backfill",
    description = "Backfill rate of a table added to a running replication, and the lag meanwhile.",
    mixinStandardHelpOptions = true)
public final class BackfillBenchCommand implements Callable<Integer> {

  static final String SOURCE = "pgpipe_bench_backfill_source";
  static final String TARGET = "pgpipe_bench_backfill_target";
  static final String SLOT = "bench_backfill";

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(
      names = "--rows",
      description = "Rows of the table backfilled (default ${DEFAULT-VALUE}).")
  private long rows = 1_000_000;

  @Option(names = "--rate", description = "Rows written a second (default ${DEFAULT-VALUE}).")
  private int rate = 1_000;

  @Option(names = "--chunk", description = "Backfill chunk rows (default ${DEFAULT-VALUE}).")
  private int chunk = BackfillOptions.DEFAULTS.chunkRows();

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    try (DatabaseTarget server = database.target()) {
      ConnectionSettings admin = server.settings();
      reset(admin);
      int code = run(admin.withDatabase(SOURCE), admin.withDatabase(TARGET), out);
      dropSlot(admin);
      if (code == 0) {
        drop(admin);
      } else {
        out.printf(
            "kept %s and %s for a look: pgpipe verify --from <source> --to <target> --tables"
                + " bench_big%n",
            SOURCE, TARGET);
      }
      return code;
    }
  }

  private int run(ConnectionSettings source, ConnectionSettings target, PrintWriter out)
      throws Exception {
    out.printf(Locale.ROOT, "loading %,d rows into bench_big%n", rows);
    out.flush();
    try (Database db = open(source)) {
      db.sql("CREATE TABLE bench_small (id int8 PRIMARY KEY, v text)").update();
      db.sql("CREATE TABLE bench_big (id int8 PRIMARY KEY, v text, n int8, t timestamptz)")
          .update();
      db.sql("INSERT INTO bench_small SELECT g, 's' FROM generate_series(1, 1000) g").update();
      db.sql(
              "INSERT INTO bench_big SELECT g, md5(g::text), g, now() FROM generate_series(1, ?) g",
              rows)
          .update();
    }
    Replicator.runUntil(
        cdc(source, "bench_small"),
        sink(target, "bench_small"),
        Duration.ofMillis(500),
        s -> {},
        s -> s.events() >= 1000);
    Writer writer = Writer.start(source, rate, rows);
    List<Long> lags = new ArrayList<>();
    long started = System.nanoTime();
    Replicator replicator =
        Replicator.create(
            cdc(source, "bench_small,bench_big"),
            sink(target, "bench_small,bench_big"),
            BackfillOptions.DEFAULTS.withChunkRows(chunk));
    Thread thread = Thread.ofPlatform().start(replicator::run);
    try (replicator) {
      sample(replicator, target, lags, out);
      double seconds = (System.nanoTime() - started) / 1e9;
      writer.close();
      boolean equal = caughtUp(source, target);
      return report(out, seconds, lags, writer.written(), replicator.stats(), equal);
    } finally {
      writer.close();
      thread.join(Duration.ofSeconds(60));
    }
  }

  private static void sample(
      Replicator replicator, ConnectionSettings target, List<Long> lags, PrintWriter out)
      throws InterruptedException {
    while (!done(target)) {
      Thread.sleep(1000); // a sample a second
      ReplicatorStats stats = replicator.stats();
      lags.add(stats.lag().toMillis());
      var progress = replicator.backfilling();
      out.printf(
          Locale.ROOT,
          "  lag %,d ms, backfilled %,d rows%n",
          stats.lag().toMillis(),
          progress == null ? 0 : progress.rows());
      out.flush();
    }
  }

  /** Whether the target equals the source within a minute of the writes stopping. */
  private static boolean caughtUp(ConnectionSettings source, ConnectionSettings target)
      throws InterruptedException {
    for (int second = 0; second < 60; second++) {
      if (Equal.tables(source, target, "bench_big")) {
        return true;
      }
      Thread.sleep(1000); // the replication catches up on its own time
    }
    return false;
  }

  private static boolean done(ConnectionSettings target) {
    try (Database db = open(target)) {
      return db.sql(
                  "SELECT count(*) FROM pgpipe.sink_backfills WHERE table_name = 'public.bench_big'"
                      + " AND state = 'done'")
              .scalar(Long.class)
          == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private int report(
      PrintWriter out,
      double seconds,
      List<Long> lags,
      long written,
      ReplicatorStats stats,
      boolean equal) {
    List<Long> sorted = lags.stream().sorted().toList();
    long median = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    long max = sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1);
    out.printf(
        Locale.ROOT,
        "backfill of %,d rows (chunks of %,d) under %,d rows/s of writes: %.1f s, %,.0f rows/s;"
            + " lag median %,d ms, max %,d ms; %,d rows written meanwhile, %,d dead letters;"
            + " target %s%n",
        rows,
        chunk,
        rate,
        seconds,
        rows / seconds,
        median,
        max,
        written,
        stats.deadLettered(),
        equal ? "equals the source" : "DIFFERS from the source");
    out.flush();
    return equal ? 0 : 1;
  }

  private static CdcConfig cdc(ConnectionSettings source, String tables) {
    List<String> names = List.of(tables.split(","));
    return CdcConfig.builder()
        .connection(source)
        .slot(SLOT)
        .publication(SLOT)
        .tables(names)
        .snapshot(SnapshotMode.INITIAL)
        .build();
  }

  private static SinkConfig sink(ConnectionSettings target, String tables) {
    return SinkConfig.builder()
        .connection(target)
        .sourceId(SLOT)
        .tables(List.of(tables.split(",")))
        .build();
  }

  static Database open(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(1).name("bench-backfill").open();
  }

  private static void reset(ConnectionSettings admin) {
    drop(admin);
    try (Database db = open(admin)) {
      db.sql("CREATE DATABASE " + SOURCE).update();
      db.sql("CREATE DATABASE " + TARGET).update();
    }
  }

  private static void dropSlot(ConnectionSettings admin) {
    for (SlotInfo slot : Slots.list(admin)) {
      if (slot.name().equals(SLOT)) {
        Slots.drop(admin, SLOT, true);
      }
    }
  }

  private static void drop(ConnectionSettings admin) {
    dropSlot(admin);
    try (Database db = open(admin)) {
      db.sql("DROP DATABASE IF EXISTS " + SOURCE + " WITH (FORCE)").update();
      db.sql("DROP DATABASE IF EXISTS " + TARGET + " WITH (FORCE)").update();
    }
  }
}
