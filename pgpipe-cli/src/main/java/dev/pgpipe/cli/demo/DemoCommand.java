package dev.pgpipe.cli.demo;

import dev.pgpipe.cli.spi.DatabaseOptions;
import dev.pgpipe.cli.spi.DatabaseTarget;
import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.Database;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe demo}: a first look. Recreates the table {@code pgpipe_demo}, loads made-up trades
 * with {@code COPY}, reads them back, and says what each step did and how fast. Then replicates a
 * table under writes into a second database ({@link DemoReplication}) and checks the copy.
 */
@Command(
    name = "demo",
    description = {
      "Loads rows with COPY, reads them back and times each step.",
      "Works on the table pgpipe_demo, which it drops and recreates.",
      "Then replicates pgpipe_demo_orders under writes into the database <db>_replica",
      "(dropped and recreated) with a live line of rows/s and lag, and checks the copy."
    })
public final class DemoCommand implements Callable<Integer> {

  private static final int LOOKUPS = 1_000;

  @Option(
      names = "--rows",
      paramLabel = "N",
      description = "Rows to load (default: ${DEFAULT-VALUE}).",
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

  @Mixin
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private DatabaseOptions database;

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() {
    if (rows < 1 || replicateSeconds < 0 || replicateRate < 1) {
      throw new IllegalArgumentException(
          "--rows, --replicate-rate must be >= 1, --replicate-seconds >= 0: "
              + rows
              + ", "
              + replicateRate
              + ", "
              + replicateSeconds);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (DatabaseTarget target = database.target();
        Database db = target.open()) {
      Stopwatch watch = Stopwatch.start();
      String version = db.sql("SHOW server_version").scalar(String.class);
      out.printf("connected to PostgreSQL %s (%s) in %s%n", version, target.source(), watch.lap());
      db.sql("DROP TABLE IF EXISTS " + DemoRows.TABLE).update();
      db.sql(DemoRows.CREATE).update();
      out.printf("created table %s in %s%n", DemoRows.TABLE, watch.lap());
      load(db, out, watch);
      readBack(db, out, watch);
      lookups(db, out, watch);
      if (replicateSeconds > 0) {
        Duration writes = Duration.ofSeconds(replicateSeconds);
        new DemoReplication(target.settings(), writes, replicateRate, out).run(db);
      }
      out.printf(
          "the table stays; look at it with: pgpipe sql \"SELECT * FROM %s LIMIT 5\"%n",
          DemoRows.TABLE);
      out.flush();
      return 0;
    }
  }

  private void load(Database db, PrintWriter out, Stopwatch watch) {
    long bytes;
    long loaded;
    try (CopyIn copy = db.openCopyIn(DemoRows.COPY)) {
      bytes = DemoRows.write(rows, copy);
      loaded = copy.finish();
    }
    double seconds = watch.seconds();
    out.printf(
        Locale.ROOT,
        "loaded %,d rows (%.1f MB of CSV) with COPY in %s: %,.0f rows/s, %.1f MB/s%n",
        loaded,
        bytes / 1e6,
        watch.lap(),
        loaded / seconds,
        bytes / 1e6 / seconds);
  }

  private void readBack(Database db, PrintWriter out, Stopwatch watch) {
    long count = db.sql("SELECT count(*) FROM " + DemoRows.TABLE).scalar(Long.class);
    long quantity = db.sql("SELECT sum(quantity) FROM " + DemoRows.TABLE).scalar(Long.class);
    long expected = 0;
    for (long id = 1; id <= rows; id++) {
      expected += DemoRows.quantity(id);
    }
    out.printf(
        Locale.ROOT,
        "read back %,d rows, total quantity %,d (%s), in %s%n",
        count,
        quantity,
        count == rows && quantity == expected ? "as loaded" : "EXPECTED " + expected,
        watch.lap());
    if (count != rows || quantity != expected) {
      throw new IllegalStateException(
          "the table does not hold what was loaded: " + count + " rows, quantity " + quantity);
    }
  }

  private void lookups(Database db, PrintWriter out, Stopwatch watch) {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < LOOKUPS; i++) {
      long id = random.nextLong(rows) + 1;
      int quantity =
          db.sql("SELECT quantity FROM " + DemoRows.TABLE + " WHERE id = ?", id)
              .scalar(Integer.class);
      if (quantity != DemoRows.quantity(id)) {
        throw new IllegalStateException("row " + id + " has quantity " + quantity);
      }
    }
    double seconds = watch.seconds();
    out.printf(
        Locale.ROOT,
        "%,d primary-key lookups in %s: %.3f ms each%n",
        LOOKUPS,
        watch.lap(),
        seconds * 1000 / LOOKUPS);
  }
}
