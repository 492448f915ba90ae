package dev.pgpipe.market;

import dev.pgpipe.client.PgException;
import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import java.io.InputStream;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Loads one source, a file or a fetched stream, under the load ledger: skips it when the ledger
 * holds it whole; otherwise decodes it into the market tables (straight in where its range is new,
 * staged where it overlaps or the ledger saw it partly loaded, see {@link TableOpener}) and records
 * it as complete in the transaction of its last rows. When the source breaks off (damaged bytes, a
 * dropped stream) the rows before the break are committed and the ledger records how far they go
 * ({@code resume_ns}) before the failure is thrown on. Not thread-safe.
 */
final class SourceLoad {

  /** Counts the records decoded, for progress reports; called on the loading thread. */
  interface Counter {
    void record();
  }

  /** Opens a source's bytes, from the start or (a stream) from a key time on. */
  interface Input {
    /**
     * @param resumeNs null for the whole source; else the key time to start from, every record
     *     before it being committed already (a file ignores it and is read whole)
     */
    InputStream open(@Nullable Long resumeNs);
  }

  private final DbnLoader loader;
  private final LoadLedger ledger;
  private final TableTotals totals;
  private final Counter counter;
  private long records;
  private long skipped;
  private long committedBefore;
  private @Nullable MarketRowWriters current;
  private @Nullable MarketRowWriters failed;

  SourceLoad(DbnLoader loader, LoadLedger ledger, TableTotals totals, Counter counter) {
    this.loader = loader;
    this.ledger = ledger;
    this.totals = totals;
    this.counter = counter;
  }

  /**
   * Loads the source unless the ledger holds it whole.
   *
   * @param source the ledger key ({@code sha256:...} or {@code fetch:...})
   * @param name what people call it (a file name, a request)
   * @param input opens the source's bytes (plain or zstd DBN); called once, or twice when a
   *     concurrent load forces the staged path
   * @return false when the source was skipped
   */
  boolean load(String source, String name, Input input) {
    Optional<LedgerEntry> seen = ledger.find(source);
    if (seen.isPresent() && seen.get().complete()) {
      return false;
    }
    LedgerEntry before = seen.orElse(null);
    long recordsBefore = records;
    long skippedBefore = skipped;
    try {
      run(source, name, input, before, before != null);
    } catch (RuntimeException e) {
      MarketRowWriters broken = failed;
      failed = null;
      boolean again = before == null && isUniqueViolation(e);
      if (broken != null) {
        if (again) {
          committedBefore += broken.committed();
          current = null;
        } else {
          finish(broken);
        }
      }
      if (!again) {
        throw e;
      }
      records = recordsBefore;
      skipped = skippedBefore;
      run(source, name, input, null, true); // under its own writer id: the cut batches differ
    }
    return true;
  }

  private void run(
      String source, String name, Input input, @Nullable LedgerEntry before, boolean staged) {
    Long resume = before == null ? null : before.resumeNs();
    try (DbnDecoder decoder = DbnDecoder.of(input.open(resume), options())) {
      Optional<Metadata> metadata = decoder.metadata();
      String writerId = source + (resume != null ? "@" + resume : staged ? "@staged" : "");
      SourcePlan plan =
          SourcePlan.of(
              writerId,
              metadata.map(Metadata::start).orElse(0L),
              metadata.map(Metadata::end).orElse(null),
              staged);
      MarketRowWriters sinks = new MarketRowWriters(loader, plan);
      current = sinks;
      sinks.symbology(metadata.map(SymbolMap::of).orElseGet(SymbolMap::new));
      long first = records;
      try {
        decodeAll(decoder, sinks, metadata.map(Metadata::schema).orElse(null));
      } catch (RuntimeException e) {
        sinks.closeQuietly();
        failed = sinks;
        ledger.record(entry(source, name, metadata, sinks, before, records - first, false));
        throw e;
      }
      LedgerEntry done = entry(source, name, metadata, sinks, before, records - first, true);
      sinks.closeAllWith(tx -> ledger.record(tx, done));
      finish(sinks);
    }
  }

  private void finish(MarketRowWriters sinks) {
    sinks.addTo(totals);
    committedBefore += sinks.committed();
    current = null;
  }

  /** Rows committed so far by this loader's sources. */
  long committed() {
    MarketRowWriters sinks = current;
    return committedBefore + (sinks == null ? 0 : sinks.committed());
  }

  private void decodeAll(DbnDecoder decoder, MarketRowWriters sinks, @Nullable Schema schema) {
    for (DbnRecord record = decoder.nextRecord(); record != null; ) {
      if (!sinks.write(record, schema)) {
        skipped++;
      }
      records++;
      counter.record();
      record = decoder.nextRecord();
    }
  }

  private DecodeOptions options() {
    DecodeOptions options = DecodeOptions.defaults().withUpgrade(true);
    Integer fragment = loader.fragmentVersion;
    return fragment == null ? options : options.withFragment(fragment);
  }

  private static LedgerEntry entry(
      String source,
      String name,
      Optional<Metadata> metadata,
      MarketRowWriters sinks,
      @Nullable LedgerEntry before,
      long count,
      boolean complete) {
    long[] range = sinks.keyRange();
    boolean any = range[0] != 0 || range[1] != 0;
    Long startNs = before != null && before.startNs() != null ? before.startNs() : null;
    if (any) {
      startNs = startNs == null ? range[0] : Math.min(startNs, range[0]);
    }
    long last = sinks.lastTime();
    Long resume = before == null ? null : before.resumeNs();
    if (last != Long.MIN_VALUE) {
      resume = last;
    }
    Long endNs = before == null ? null : before.endNs();
    if (any) {
      endNs = range[1];
    }
    return new LedgerEntry(
        source,
        name,
        metadata.map(Metadata::dataset).orElse(null),
        metadata.map(Metadata::schema).map(Schema::text).orElse(null),
        startNs,
        endNs,
        count + (before == null ? 0 : before.records()),
        complete ? null : resume,
        complete,
        sinks.anyStaged() || (before != null && before.staged()));
  }

  /** Whether the failure is a table's key refusing a row (another load wrote the range). */
  static boolean isUniqueViolation(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PgException pg && pg.isUniqueViolation()) {
        return true;
      }
    }
    return false;
  }

  long records() {
    return records;
  }

  long skipped() {
    return skipped;
  }
}
