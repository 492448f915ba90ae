package dev.pgpipe.market;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMap;
import dev.pgpipe.dbn.WithTsOut;
import dev.pgpipe.dbn.live.LiveEvent;
import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A live session loading into the {@link MarketTables}, fed the events of a {@link
 * dev.pgpipe.dbn.live.LiveClient} one by one; started by {@link DbnLoader#live}.
 *
 * <pre>{@code
 * try (LiveLoad load = loader.live(Set.of(Schema.MBO))) {
 *   for (LiveEvent event = client.next(); event != null; event = client.next()) {
 *     load.accept(event);
 *   }
 *   LoadReport report = load.finish();
 * }
 * }</pre>
 *
 * <p>Records go through the same transforms, keys and writers as a file load, so a replay of
 * records already stored adds nothing. Rows are committed in batches, at the latest the loader's
 * flush interval after they arrive. Each {@link LiveEvent.SessionStarted} brings the new session's
 * symbology (the gateway sends the symbol mappings again after a reconnection); each {@link
 * LiveEvent.Gap} is counted in the {@link #status()}. Other events change nothing.
 *
 * <p>Failures of the database are thrown by {@link #accept} or {@link #finish()} as the writers
 * report them ({@link IllegalStateException} with the cause). Not thread-safe: one thread calls
 * {@link #accept}, {@link #status()}, {@link #finish()} and {@link #close()}.
 */
public final class LiveLoad implements AutoCloseable {

  private final DbnLoader loader;
  private final MarketRowWriters sinks;
  private final @Nullable Schema schema;
  private final long start;
  private long records;
  private long rows;
  private long lastTsEvent = Dbn.UNDEF_TIMESTAMP;
  private long gaps;
  private LiveEvent.@Nullable Gap lastGap;
  private int sessions;
  private boolean finished;

  LiveLoad(DbnLoader loader, Set<Schema> subscribed) {
    this.loader = loader;
    this.sinks = new MarketRowWriters(loader);
    boolean tbboOnly = subscribed.contains(Schema.TBBO) && !subscribed.contains(Schema.MBP_1);
    this.schema = tbboOnly ? Schema.TBBO : null;
    this.start = loader.clock.getAsLong();
  }

  /**
   * Takes one event: writes a {@link LiveEvent.Data} record to its table, starts the symbology of a
   * new session, counts a gap.
   *
   * @throws IllegalStateException when a table's writer failed, or after {@link #finish()}
   */
  public void accept(LiveEvent event) {
    if (finished) {
      throw new IllegalStateException("the live load is finished");
    }
    switch (event) {
      case LiveEvent.Data data -> write(data.record());
      case LiveEvent.SessionStarted started -> {
        sessions++;
        sinks.symbology(SymbolMap.of(started.metadata()));
      }
      case LiveEvent.Gap gap -> {
        gaps++;
        lastGap = gap;
      }
      default -> {
        // heartbeats, acknowledgements, notices and gateway errors are the caller's to show
      }
    }
  }

  private void write(DbnRecord record) {
    records++;
    DbnRecord msg = record instanceof WithTsOut stamped ? stamped.record() : record;
    if (sinks.write(msg, schema)) {
      rows++;
      lastTsEvent = msg.hd().tsEvent();
    }
  }

  /** Counts so far; {@code committed} asks each table's writer. */
  public LiveStatus status() {
    return new LiveStatus(
        records, rows, sinks.committed(), lastTsEvent, gaps, lastGap, sessions, elapsed());
  }

  private Duration elapsed() {
    return Duration.ofNanos(loader.clock.getAsLong() - start);
  }

  /**
   * Writes what is buffered, waits for every table's writer and reports what each table received.
   * Later calls to {@link #accept} throw.
   *
   * @throws IllegalStateException when a table's writer failed (the other tables are flushed)
   */
  public LoadReport finish() {
    finished = true;
    sinks.closeAll();
    return new LoadReport(sinks.reports(), records, records - rows, 0, elapsed());
  }

  /** Finishes, if {@link #finish()} was not called, ignoring failures. Idempotent. */
  @Override
  public void close() {
    if (!finished) {
      finished = true;
      sinks.closeQuietly();
    }
  }
}
