package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.Schema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Loads DBN files (plain or zstd, version 1 to 3, upgraded to 3), or a live session ({@link
 * #live}), into the {@link MarketTables}: each record goes through its table's transform and a
 * {@link dev.pgpipe.copy.BatchWriter} (binary COPY into a staging table, then {@code INSERT ... ON
 * CONFLICT DO NOTHING} on the table's key), so loading the same files again adds no rows. A file
 * with several schemas fills several tables.
 *
 * <pre>{@code
 * DbnLoader loader = DbnLoader.builder(db).prefix(TablePrefix.parse("market.")).build();
 * LoadReport report = loader.load(List.of(Path.of("glbx.mbo.dbn.zst")));
 * }</pre>
 *
 * <p>A file that cannot be decoded stops the load with {@link LoadFailedException}, after the rows
 * of the records before the damage are committed. Failures of the database are thrown as the writer
 * reports them ({@link IllegalStateException} with the {@code PgException} as cause). The loader is
 * immutable and thread-safe; each {@link #load} runs on the calling thread.
 */
public final class DbnLoader {

  final Database db;
  final TablePrefix prefix;
  final SchemaMode mode;
  final int connections;
  final int batchRows;
  final Duration flushInterval;
  final Consumer<LoadProgress> progress;
  final Duration progressInterval;
  final LongSupplier clock;

  DbnLoader(DbnLoaderBuilder options) {
    this.db = options.db;
    this.prefix = options.prefix;
    this.mode = options.mode;
    this.connections = options.connections;
    this.batchRows = options.batchRows;
    this.flushInterval = options.flushInterval;
    this.progress = options.progress;
    this.progressInterval = options.progressInterval;
    this.clock = options.clock;
  }

  /** Configures a loader into {@code db}. */
  public static DbnLoaderBuilder builder(Database db) {
    return new DbnLoaderBuilder(db);
  }

  /**
   * Loads the files in order and returns what each table received.
   *
   * @throws LoadFailedException when a file cannot be decoded (rows before the damage are loaded)
   * @throws java.io.UncheckedIOException when a file cannot be read
   */
  public LoadReport load(List<Path> files) {
    return new LoadRun(this, files).run();
  }

  /**
   * Starts a live load: feed it the events of a {@link dev.pgpipe.dbn.live.LiveClient} and {@link
   * LiveLoad#finish()} it when the session ends.
   *
   * @param subscribed the schemas subscribed to; MBP-1 records go to {@code tbbo} when TBBO is
   *     among them and MBP-1 is not (the stream itself does not tell them apart)
   */
  public LiveLoad live(Set<Schema> subscribed) {
    return new LiveLoad(this, subscribed);
  }
}
