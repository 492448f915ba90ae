package dev.pgpipe.cli.demo;

import dev.pgpipe.cli.market.ProgressLine;
import dev.pgpipe.cli.market.Summary;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
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
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The market-data part of {@code pgpipe demo}: a synthetic MBO file written by pgpipe's own DBN
 * encoder, loaded as {@code pgpipe load} loads it (the same loader, progress line and summary) into
 * the schema {@value #SCHEMA}, which it drops and recreates; then loaded again, which the load
 * ledger skips.
 */
final class DemoMarket {

  static final String SCHEMA = "pgpipe_demo";

  private final long records;
  private final PrintWriter out;
  private final PrintWriter err;

  DemoMarket(long records, PrintWriter out, PrintWriter err) {
    this.records = records;
    this.out = out;
    this.err = err;
  }

  /** Writes the file, loads it twice and prints what happened; throws when a row is missing. */
  void run(Database db) {
    Path directory = directory();
    Stopwatch watch = Stopwatch.start();
    Path file = SyntheticDbn.write(directory, Schema.MBO, records);
    out.printf(
        Locale.ROOT,
        "wrote %,d synthetic MBO records with pgpipe's DBN encoder to %s (%s, zstd) in %s%n",
        records,
        file,
        ProgressLine.bytes(size(file)),
        watch.lap());
    out.flush();
    db.sql("DROP SCHEMA IF EXISTS " + Identifier.quote(SCHEMA) + " CASCADE").update();
    LoadReport first = load(db, file);
    String table = SCHEMA + ".mbo";
    long count = db.sql("SELECT count(*) FROM " + table).scalar(Long.class);
    if (count != records || first.rows() != records) {
      throw new IllegalStateException(
          table + " holds " + count + " rows after loading " + records + " records");
    }
    LoadReport again = load(db, file);
    out.printf(
        Locale.ROOT,
        "loaded the same file again in %.2f s: %d file skipped by the load ledger, %s still"
            + " holds %,d rows%n",
        again.elapsed().toNanos() / 1e9,
        again.sourcesSkipped(),
        table,
        db.sql("SELECT count(*) FROM " + table).scalar(Long.class));
    out.printf(
        "look at it: pgpipe sql \"SELECT ts_recv, instrument_id, action, side, price, size FROM"
            + " %s_decimal LIMIT 5\"; load your own files with: pgpipe load FILE.dbn.zst%n",
        table);
    out.flush();
  }

  private LoadReport load(Database db, Path file) {
    out.printf("pgpipe load %s --schema-prefix %s.%n", file.getFileName(), SCHEMA);
    out.flush();
    ProgressLine progress = new ProgressLine(err);
    DbnLoader loader =
        DbnLoader.builder(db)
            .prefix(new TablePrefix(SCHEMA, ""))
            .connections(2)
            .progress(Duration.ofMillis(250), progress::show)
            .build();
    LoadReport report = loader.load(List.of(file));
    progress.end();
    Summary.print(report, 1, out);
    return report;
  }

  private static Path directory() {
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), "pgpipe-demo");
    try {
      return Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create "
              + directory
              + " for the demo's DBN file: point PGPIPE_JAVA_OPTS=-Djava.io.tmpdir=DIR at a"
              + " writable directory",
          e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the size of " + file, e);
    }
  }
}
