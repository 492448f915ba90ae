package dev.pgpipe.market;

import dev.pgpipe.client.Database;
import dev.pgpipe.copy.SchemaMode;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link DbnLoader}. Defaults: tables in {@code public} without prefix, BOOTSTRAP, one
 * connection per table, batches of 50,000 rows flushed at the latest 1 s after their first row, no
 * progress reports. Not thread-safe.
 */
public final class DbnLoaderBuilder {

  final Database db;
  TablePrefix prefix = TablePrefix.none();
  SchemaMode mode = SchemaMode.BOOTSTRAP;
  int connections = 1;
  int batchRows = 50_000;
  Duration flushInterval = Duration.ofSeconds(1);
  Consumer<LoadProgress> progress = p -> {};
  Duration progressInterval = Duration.ofMillis(500);
  LongSupplier clock = System::nanoTime;
  Partitioning partitioning = Partitioning.NONE;
  @Nullable Integer fragmentVersion;

  DbnLoaderBuilder(Database db) {
    this.db = db;
  }

  /** Where the tables live. */
  public DbnLoaderBuilder prefix(TablePrefix tables) {
    this.prefix = tables;
    return this;
  }

  /**
   * BOOTSTRAP creates missing tables (and schema) and the {@code _decimal} views, then checks;
   * STRICT and WARN only check the tables against the catalog.
   */
  public DbnLoaderBuilder mode(SchemaMode schemaMode) {
    this.mode = schemaMode;
    return this;
  }

  /** COPY connections per table; the database's pool needs that many per table loaded at once. */
  public DbnLoaderBuilder connections(int count) {
    if (count < 1) {
      throw new IllegalArgumentException("connections must be > 0: " + count);
    }
    this.connections = count;
    return this;
  }

  /** Rows per COPY batch (each batch is one transaction). */
  public DbnLoaderBuilder batchRows(int rows) {
    if (rows < 1) {
      throw new IllegalArgumentException("batchRows must be > 0: " + rows);
    }
    this.batchRows = rows;
    return this;
  }

  /**
   * How long a row may wait in a batch that is not full before it is written: what a live load's
   * rows lag behind the stream at most, plus the time to commit.
   */
  public DbnLoaderBuilder flushInterval(Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("the flush interval must be > 0: " + interval);
    }
    this.flushInterval = interval;
    return this;
  }

  /** Receives a {@link LoadProgress} about every {@code interval}, on the loading thread. */
  public DbnLoaderBuilder progress(Duration interval, Consumer<LoadProgress> listener) {
    if (interval.isNegative()) {
      throw new IllegalArgumentException("the progress interval must be >= 0: " + interval);
    }
    this.progressInterval = interval;
    this.progress = listener;
    return this;
  }

  /** The clock progress is timed with (nanoseconds, like System.nanoTime). */
  public DbnLoaderBuilder clock(LongSupplier nanos) {
    this.clock = nanos;
    return this;
  }

  /**
   * Creates missing tables as native range partitions on their key timestamp, a partition per day
   * or month, each created when its first row comes (default {@link Partitioning#NONE}).
   */
  public DbnLoaderBuilder partitioning(Partitioning how) {
    this.partitioning = how;
    return this;
  }

  /**
   * Reads the files as metadata-less fragments of DBN version {@code version} (1 to 3), as {@code
   * dbn decode --fragment} does.
   */
  public DbnLoaderBuilder fragment(int version) {
    if (version < 1 || version > 3) {
      throw new IllegalArgumentException("a fragment's DBN version must be 1, 2 or 3: " + version);
    }
    this.fragmentVersion = version;
    return this;
  }

  public DbnLoader build() {
    return new DbnLoader(this);
  }
}
