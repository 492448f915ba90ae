package dev.pgpipe.market;

import dev.pgpipe.client.Identifier;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.DbnException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** One {@link DbnLoader#load} call: the files in order, each a {@link SourceLoad}. */
final class LoadRun {

  private final DbnLoader loader;
  private final List<Path> files;
  private final AtomicLong bytesRead = new AtomicLong();
  private final TableTotals totals = new TableTotals();
  private final LoadLedger ledger;
  private final SourceLoad sources;
  private final long bytesTotal;
  private final long start;
  private long nextReport;
  private long records;
  private int index;
  private int sourcesSkipped;

  LoadRun(DbnLoader loader, List<Path> files) {
    this.loader = loader;
    this.files = List.copyOf(files);
    this.ledger = new LoadLedger(loader.db, loader.prefix);
    this.sources = new SourceLoad(loader, ledger, totals, this::counted);
    long total = 0;
    for (Path file : this.files) {
      total += size(file);
    }
    this.bytesTotal = total;
    this.start = loader.clock.getAsLong();
    this.nextReport = start + loader.progressInterval.toNanos();
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  LoadReport run() {
    prepareLedger(loader, ledger);
    for (index = 0; index < files.size(); index++) {
      Path file = files.get(index);
      try {
        if (!sources.load(ContentHash.of(file), file.toString(), resume -> open(file))) {
          sourcesSkipped++;
          bytesRead.addAndGet(size(file));
        }
      } catch (DbnException e) {
        throw new LoadFailedException(file, e, report());
      }
    }
    reportProgress();
    return report();
  }

  /** Creates the ledger (and in BOOTSTRAP mode the schema it lives in). */
  static void prepareLedger(DbnLoader loader, LoadLedger ledger) {
    if (loader.mode == SchemaMode.BOOTSTRAP) {
      loader
          .db
          .sql("CREATE SCHEMA IF NOT EXISTS " + Identifier.quote(loader.prefix.schema()))
          .update();
    }
    ledger.create();
  }

  private InputStream open(Path file) {
    try {
      return new BufferedInputStream(
          new CountingInputStream(Files.newInputStream(file), bytesRead), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private void counted() {
    if ((++records & 1023) == 0 && loader.clock.getAsLong() >= nextReport) {
      reportProgress();
    }
  }

  private void reportProgress() {
    long now = loader.clock.getAsLong();
    nextReport = now + loader.progressInterval.toNanos();
    int at = Math.min(index, files.size() - 1);
    loader.progress.accept(
        new LoadProgress(
            files.get(Math.max(0, at)),
            Math.max(0, at),
            files.size(),
            bytesRead.get(),
            bytesTotal,
            records,
            Duration.ofNanos(now - start)));
  }

  private LoadReport report() {
    Duration elapsed = Duration.ofNanos(loader.clock.getAsLong() - start);
    return new LoadReport(
        totals.reports(loader.db),
        sources.records(),
        sources.skipped(),
        bytesRead.get(),
        elapsed,
        sourcesSkipped);
  }
}
