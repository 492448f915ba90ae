package dev.pgpipe.bench.cdc;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pgpipe.bench.JsonReport;
import dev.pgpipe.bench.MetricsCost;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.ConnectionSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe bench cdc}: change capture side by side on one server and one workload (inserts
 * into a ten-column table, 100 rows per transaction), in one run.
 *
 * <ol>
 *   <li>Backlog catch-up: a slot per reader is created, {@code --backlog} rows are written, then
 *       each reader in turn drains its slot; events/s from its first event to its last. Readers: a
 *       bare pgjdbc reader counting pgoutput Insert messages (text, then with {@code binary}),
 *       pgpipe decoding into typed transactions to a no-op sink, Debezium's embedded engine; then
 *       pgpipe's reader again, with its metrics served and without, alternating, {@code
 *       --metrics-rounds} times each way (their cost: {@code metrics_on_off}); each of these legs
 *       drains a copy of one slot made before the backlog, so any number of them reads the same
 *       backlog with two slots.
 *   <li>Lag: on a fresh slot, after one warm-up transaction, {@code --rate} rows/s for {@code
 *       --seconds}; the lag of each event from its source commit to its delivery, p50 and p99, for
 *       pgpipe and for Debezium.
 * </ol>
 *
 * Leaves nothing behind: the table, the publication and the slots are dropped at the end.
 */
@Command(
    name = "cdc",
    description = "CDC catch-up events/s and lag: pgpipe vs a bare pgjdbc reader vs Debezium.",
    mixinStandardHelpOptions = true)
public final class CdcBenchCommand implements Callable<Integer> {

  private static final String SLOT = "pgpipe_bench_";

  /** Copied, never read, for each leg of the metrics' cost ({@link #METRICS_LEG}). */
  private static final String METRICS = SLOT + "metrics";

  private static final String METRICS_LEG = SLOT + "metrics_leg";

  /** The slots made before the backlog is written ({@link #METRICS} too, when there are rounds). */
  private static final List<String> BACKLOG_SLOTS =
      List.of(SLOT + "bare", SLOT + "bare_binary", SLOT + "pgpipe", SLOT + "debezium");

  /** Every slot a run makes, dropped at its start (what an earlier run left) and at its end. */
  private static final List<String> SLOTS =
      Stream.concat(
              BACKLOG_SLOTS.stream(),
              Stream.of(METRICS_LEG, SLOT + "pgpipe_lag", SLOT + "debezium_lag"))
          .toList();

  /** One catch-up: its key in the JSON, its label in the table, the slot it drains. */
  private record Leg(String key, String label, String slot) {

    /** A leg that drains its own slot, named after its key. */
    static Leg of(String key, String label) {
      return new Leg(key, label, SLOT + key.replace("_reader", ""));
    }
  }

  @Mixin
  @SuppressWarnings("NullAway.Init") // created by picocli with the command line's environment
  private DatabaseOptions database;

  @Option(
      names = "--backlog",
      description = "Rows written before catch-up (default ${DEFAULT-VALUE}).")
  private long backlog = 500_000;

  @Option(names = "--rate", description = "Rows/s during the lag run (default ${DEFAULT-VALUE}).")
  private int rate = 5_000;

  @Option(names = "--seconds", description = "Length of the lag run (default ${DEFAULT-VALUE}).")
  private int seconds = 30;

  @Option(
      names = "--debezium-poll-ms",
      paramLabel = "MS",
      description = "Debezium's poll.interval.ms (default: Debezium's own, 500).")
  private @Nullable Integer debeziumPollMs;

  @Option(
      names = "--metrics-rounds",
      description =
          "Catch-ups of pgpipe's reader with metrics and without, alternating, to measure what"
              + " metrics cost; 0 skips (default ${DEFAULT-VALUE} each way: single catch-ups vary"
              + " by 10 %% and more). Rounds go in pairs, on then off, off then on: an even count"
              + " puts each first equally often.")
  private int metricsRounds = 10;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  private @Nullable Path json;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (backlog < Workload.ROWS_PER_TRANSACTION
        || rate < Workload.ROWS_PER_TRANSACTION
        || seconds < 1
        || metricsRounds < 0) {
      throw new IllegalArgumentException(
          "need --backlog >= 100, --rate >= 100, --seconds >= 1, --metrics-rounds >= 0: "
              + backlog
              + ", "
              + rate
              + ", "
              + seconds
              + ", "
              + metricsRounds);
    }
    PrintWriter out = spec.commandLine().getOut();
    ObjectNode report = new ObjectMapper().createObjectNode();
    try (DatabaseTarget target = database.target();
        Workload workload = new Workload(target.settings())) {
      ConnectionSettings settings = target.settings();
      workload.recreate(SLOTS);
      try {
        MetricsCost cost =
            backlog(out, report.putObject("backlog_events_per_s"), workload, settings);
        if (cost != null) {
          out.println(cost.line("pgpipe's reader catching up", "events/s"));
          report.put("metrics_on_off", Math.round(cost.ratio() * 1000) / 1000.0);
        }
        lag(out, report.putObject("lag_ms"), workload, settings);
      } finally {
        SLOTS.forEach(slot -> dropSlot(settings, slot));
        workload.dropTables();
      }
    }
    goals(out, report);
    out.flush();
    JsonReport.write(json, report);
    return 0;
  }

  /** Each reader's catch-up, then what metrics cost pgpipe's (null for no rounds). */
  private @Nullable MetricsCost backlog(
      PrintWriter out, ObjectNode figures, Workload workload, ConnectionSettings settings) {
    writeBacklog(out, workload);
    double bare =
        catchUp(
            out,
            figures,
            Leg.of("bare_reader", "bare pgjdbc, pgoutput text"),
            0,
            settings,
            (slot, p) -> BareReader.start(settings, slot, false, p));
    catchUp(
        out,
        figures,
        Leg.of("bare_reader_binary", "bare pgjdbc, pgoutput binary"),
        bare,
        settings,
        (slot, p) -> BareReader.start(settings, slot, true, p));
    catchUp(
        out,
        figures,
        Leg.of("pgpipe", "pgpipe ChangeStream -> typed Transactions"),
        bare,
        settings,
        (slot, p) -> PgpipeReader.start(settings, slot, p));
    catchUp(
        out,
        figures,
        Leg.of("debezium", "Debezium embedded " + debeziumVersion() + ", pgoutput"),
        bare,
        settings,
        (slot, p) -> DebeziumReader.start(settings, slot, debeziumPollMs, p));
    if (metricsRounds == 0) {
      return null;
    }
    try {
      return metricsCost(out, figures, bare, workload, settings);
    } finally {
      dropSlot(settings, METRICS); // it holds WAL: not through the lag runs
    }
  }

  /**
   * pgpipe's reader again, warm now, with metrics served and without, {@link #metricsRounds} times
   * each way, in pairs ordered on, off, then off, on (so that a drift of the machine falls on both
   * sides); each leg drains a fresh copy of the {@link #METRICS} slot. Returns the cost.
   */
  private MetricsCost metricsCost(
      PrintWriter out,
      ObjectNode figures,
      double bare,
      Workload workload,
      ConnectionSettings settings) {
    List<Double> on = new ArrayList<>();
    List<Double> off = new ArrayList<>();
    for (int round = 1; round <= metricsRounds; round++) {
      for (boolean metered : round % 2 == 1 ? List.of(true, false) : List.of(false, true)) {
        String leg = (metered ? "on_" : "off_") + round;
        workload.copySlot(METRICS, METRICS_LEG);
        double perSecond =
            catchUp(
                out,
                figures,
                new Leg("metrics_" + leg, "pgpipe, metrics " + leg.replace('_', ' '), METRICS_LEG),
                bare,
                settings,
                (slot, p) ->
                    metered
                        ? PgpipeReader.metered(settings, slot, p)
                        : PgpipeReader.start(settings, slot, p));
        (metered ? on : off).add(perSecond);
      }
    }
    return new MetricsCost(off, on);
  }

  private void writeBacklog(PrintWriter out, Workload workload) {
    for (String slot : BACKLOG_SLOTS) {
      workload.createSlot(slot);
    }
    if (metricsRounds > 0) {
      workload.createSlot(METRICS);
    }
    long start = System.nanoTime();
    workload.write(backlog);
    out.printf(
        Locale.ROOT,
        "backlog: %,d rows in %,d transactions of %d written in %.1f s; each reader drains its slot%n",
        backlog,
        backlog / Workload.ROWS_PER_TRANSACTION,
        Workload.ROWS_PER_TRANSACTION,
        (System.nanoTime() - start) / 1e9);
    out.printf("%-44s %14s %10s%n", "reader", "events/s", "vs bare");
    out.flush();
  }

  /** Drains {@code leg}'s slot of the backlog, then drops it; returns the events/s. */
  private double catchUp(
      PrintWriter out,
      ObjectNode figures,
      Leg leg,
      double bare,
      ConnectionSettings settings,
      Reader.Factory factory) {
    Progress progress = new Progress();
    try (Reader reader = factory.start(leg.slot(), progress)) {
      progress.await(backlog, Duration.ofSeconds(Math.max(300, backlog / 1_000)), leg.label());
    } finally {
      dropSlot(settings, leg.slot());
    }
    if (progress.events() != backlog) {
      throw new IllegalStateException(
          leg.label() + " delivered " + progress.events() + " of " + backlog);
    }
    double perSecond = progress.eventsPerSecond();
    figures.put(leg.key(), Math.round(perSecond));
    String ratio = bare == 0 ? "1.00" : String.format(Locale.ROOT, "%.2f", perSecond / bare);
    out.printf(Locale.ROOT, "%-44s %,14.0f %10s%n", leg.label(), perSecond, ratio);
    out.flush();
    return perSecond;
  }

  private void lag(
      PrintWriter out, ObjectNode figures, Workload workload, ConnectionSettings settings) {
    out.printf(
        "%nlag, source commit -> delivery, at %,d rows/s for %d s (transactions of %d)%n",
        rate, seconds, Workload.ROWS_PER_TRANSACTION);
    out.printf("%-44s %10s %10s %10s%n", "reader", "p50 ms", "p99 ms", "events");
    out.flush();
    steady(
        out,
        figures,
        workload,
        settings,
        "pgpipe",
        "pgpipe ChangeStream",
        (slot, p) -> PgpipeReader.start(settings, slot, p));
    String poll = debeziumPollMs == null ? "default poll" : "poll " + debeziumPollMs + " ms";
    steady(
        out,
        figures,
        workload,
        settings,
        "debezium",
        "Debezium embedded, " + poll,
        (slot, p) -> DebeziumReader.start(settings, slot, debeziumPollMs, p));
  }

  private void steady(
      PrintWriter out,
      ObjectNode figures,
      Workload workload,
      ConnectionSettings settings,
      String key,
      String label,
      Reader.Factory factory) {
    String slot = SLOT + key + "_lag";
    workload.createSlot(slot);
    Progress progress = new Progress();
    try (Reader reader = factory.start(slot, progress)) {
      workload.write(Workload.ROWS_PER_TRANSACTION); // warm-up: the reader is streaming after it
      progress.await(Workload.ROWS_PER_TRANSACTION, Duration.ofSeconds(300), label);
      progress.recordLag(true);
      long rows = workload.writeSteady(rate, seconds);
      progress.await(Workload.ROWS_PER_TRANSACTION + rows, Duration.ofSeconds(300), label);
    }
    Slots.drop(settings, slot, true);
    double p50 = progress.lagMillis(0.50);
    double p99 = progress.lagMillis(0.99);
    figures.putObject(key).put("p50", round(p50)).put("p99", round(p99));
    out.printf(Locale.ROOT, "%-44s %10.1f %10.1f %,10d%n", label, p50, p99, progress.lagSamples());
    out.flush();
  }

  private static void goals(PrintWriter out, ObjectNode report) {
    ObjectNode backlog = (ObjectNode) report.get("backlog_events_per_s");
    double pgpipe = backlog.get("pgpipe").asDouble();
    double p99 = report.get("lag_ms").get("pgpipe").get("p99").asDouble();
    String metrics =
        report.has("metrics_on_off")
            ? String.format(Locale.ROOT, "%.3f", report.get("metrics_on_off").asDouble())
            : "not measured";
    out.printf(
        Locale.ROOT,
        "%ngoals: (a) pgpipe / bare reader = %.2f (>= 0.9), pgpipe / Debezium = %.2f (>= 3);"
            + " (b) pgpipe lag p99 = %.1f ms (<= 10); metrics on / off = %s (>= 0.97)%n",
        pgpipe / backlog.get("bare_reader").asDouble(),
        pgpipe / backlog.get("debezium").asDouble(),
        p99,
        metrics);
  }

  /** Drops {@code slot} if it exists, ending the walsender still reading it, if any. */
  private static void dropSlot(ConnectionSettings settings, String slot) {
    if (Slots.list(settings).stream().anyMatch(info -> info.name().equals(slot))) {
      Slots.drop(settings, slot, true);
    }
  }

  private static double round(double millis) {
    return Math.round(millis * 10) / 10.0;
  }

  private static String debeziumVersion() {
    return io.debezium.connector.postgresql.Module.version();
  }
}
