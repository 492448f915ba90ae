package dev.pgpipe.market;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnException;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/** One {@link DbnLoader#load} call: its sinks, lookups and counts. Not thread-safe. */
final class LoadRun {

  private static final DecodeOptions DECODE = DecodeOptions.defaults().withUpgrade(true);

  private final DbnLoader loader;
  private final List<Path> files;
  private final MarketRowWriters sinks;
  private final AtomicLong bytesRead = new AtomicLong();
  private final long bytesTotal;
  private final long start;
  private long nextReport;
  private long records;
  private long skipped;

  LoadRun(DbnLoader loader, List<Path> files) {
    this.loader = loader;
    this.files = List.copyOf(files);
    this.sinks = new MarketRowWriters(loader);
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
    for (int i = 0; i < files.size(); i++) {
      try {
        loadFile(i);
      } catch (DbnException e) {
        sinks.closeAll();
        throw new LoadFailedException(files.get(i), e, report());
      } catch (RuntimeException e) {
        sinks.closeQuietly();
        throw e;
      }
    }
    sinks.closeAll();
    reportProgress(files.size() - 1);
    return report();
  }

  private void loadFile(int index) {
    Path file = files.get(index);
    try (DbnDecoder decoder = DbnDecoder.of(open(file), DECODE)) {
      Optional<Metadata> metadata = decoder.metadata();
      Schema schema = metadata.map(Metadata::schema).orElse(null);
      sinks.symbology(metadata.map(SymbolMap::of).orElseGet(SymbolMap::new));
      for (DbnRecord record = decoder.nextRecord(); record != null; ) {
        handle(record, schema);
        if ((++records & 1023) == 0 && loader.clock.getAsLong() >= nextReport) {
          reportProgress(index);
        }
        record = decoder.nextRecord();
      }
    }
  }

  private BufferedInputStream open(Path file) {
    try {
      return new BufferedInputStream(
          new CountingInputStream(Files.newInputStream(file), bytesRead), 1 << 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  private void handle(DbnRecord record, @Nullable Schema schema) {
    if (!sinks.write(record, schema)) {
      skipped++;
    }
  }

  private void reportProgress(int index) {
    long now = loader.clock.getAsLong();
    nextReport = now + loader.progressInterval.toNanos();
    Duration elapsed = Duration.ofNanos(now - start);
    loader.progress.accept(
        new LoadProgress(
            files.get(Math.max(0, index)),
            index,
            files.size(),
            bytesRead.get(),
            bytesTotal,
            records,
            elapsed));
  }

  private LoadReport report() {
    List<TableReport> tables = sinks.reports();
    Duration elapsed = Duration.ofNanos(loader.clock.getAsLong() - start);
    return new LoadReport(tables, records, skipped, bytesRead.get(), elapsed);
  }
}
