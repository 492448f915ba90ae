package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Loads DBN files (plain or zstd, version 1 to 3, upgraded to 3), or a live session ({@link
 * #live}), into the {@link MarketTables}: each record goes through its table's transform and a
 * {@link dev.pgpipe.copy.BatchWriter}. A file whose key-time range holds no rows yet goes straight
 * into its tables with binary COPY; one that overlaps rows already there goes through a staging
 * table and {@code INSERT ... ON CONFLICT DO NOTHING} on the table's key. Each file is recorded in
 * the load ledger ({@code dbn_load_ledger} beside the tables) under the SHA-256 of its bytes, and a
 * file already recorded as complete is skipped without being decoded, so loading the same files
 * again adds no rows and writes nothing. A file with several schemas fills several tables.
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
  final Partitioning partitioning;
  final @Nullable Integer fragmentVersion;

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
    this.partitioning = options.partitioning;
    this.fragmentVersion = options.fragmentVersion;
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
   * Fetches the requests from Databento's Historical API in order and streams each one into the
   * tables as it arrives: no temporary file, memory bounded by the writers' batches. Each request
   * is a source of the load ledger (the SHA-256 of its fields): fetching it again adds nothing and
   * sends nothing; a request whose stream broke off is sent again from where its committed rows end
   * ({@code resume_ns}) and takes the staged path, so nothing is loaded twice. Split long requests
   * first with {@link RangeRequest#split}.
   *
   * @throws dev.pgpipe.dbn.hist.HistoricalException when the API refuses a request or cannot be
   *     reached (the rows of the requests before are committed)
   * @throws java.io.UncheckedIOException when a stream breaks off (its rows so far are committed,
   *     and the ledger records how far they go)
   */
  public LoadReport fetch(
      HistoricalClient client, List<RangeRequest> requests, Consumer<FetchProgress> progress) {
    return new FetchRun(this, client, requests, progress).run();
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
