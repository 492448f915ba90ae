package dev.pgpipe.sink;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link TableSink} needs, built once by {@link Builder} and then frozen.
 *
 * <p>From the environment with {@link #fromEnvironment(Map)}: {@code POSTGRES_OUTPUT_HOST}, {@code
 * _PORT} (5432), {@code _USER}, {@code _PASSWORD}, {@code _DATABASE}, {@code _BATCH_SIZE} (10,000,
 * at most 100,000 events gathered per target transaction; one transaction part larger than that is
 * applied whole), {@code _BATCH_BYTES} (64MB: also ends a batch, by the events' estimated size;
 * {@code kB}, {@code MB}, {@code GB} as in PostgreSQL's settings), {@code _FLUSH_INTERVAL} (5s),
 * {@code _CONFLICT_STRATEGY} ({@code upsert}) and {@code _TABLES} (comma list of {@code
 * schema.table} or {@code table}; empty: every table the target has); the connection is read by
 * {@link ConnectionSettings#fromEnvironment(Map, String)}, so the standard {@code PG*} variables
 * fill in the rest. {@link #toString()} leaves the password out.
 *
 * @param connection where the target is (null when the caller hands a {@code Database} in)
 * @param sourceId the ledger's name for the source (one per source slot or buffer source)
 * @param schema where the ledger and dead-letter tables live ({@code pgpipe})
 * @param tables the whitelist; empty admits every table of the target
 * @param reconnectFor how long transient failures are retried before {@code apply} gives up
 * @param ticker the clock {@code reconnectFor} is measured on ({@link Ticker#SYSTEM}; fake in
 *     tests)
 * @param sleeper what waits between {@code apply}'s attempts ({@link Sleeper#SYSTEM}; fake in
 *     tests)
 * @param pipelinedRows the most rows of one table in one step that are applied by pipelined one-row
 *     statements rather than staged and applied set-based ({@value #PIPELINED_ROWS}; 0 stages every
 *     step); see {@code GUARANTEES.md}, "Apply paths"
 * @param createTables whether a table the target lacks is created from the source's definition
 *     carried by the events, and columns the source added are added ({@code
 *     POSTGRES_OUTPUT_CREATE_TABLES}, true); when false, such a table is paused instead
 * @param dropColumns whether a column the source dropped is dropped on the target too ({@code
 *     POSTGRES_OUTPUT_DROP_COLUMNS}, false: it is kept, made nullable, and no longer written); see
 *     {@code GUARANTEES.md}, "Schema changes"
 * @param synchronousCommit whether {@code replicate} waits for the target's WAL flush at each
 *     commit ({@code POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT}, off): off, it commits as PostgreSQL's own
 *     subscriptions do and acknowledges the source only once the target flushed the batch, so a
 *     crash of the target loses nothing ({@code GUARANTEES.md}, "Commits and acknowledgements"). A
 *     target whose commits must also reach its own synchronous standbys before the source forgets
 *     them needs on. The other paths always wait for the flush.
 */
public record SinkConfig(
    @Nullable ConnectionSettings connection,
    String sourceId,
    String schema,
    int batchSize,
    long batchBytes,
    Duration flushInterval,
    ConflictStrategy conflictStrategy,
    List<String> tables,
    Duration reconnectFor,
    Ticker ticker,
    Sleeper sleeper,
    int pipelinedRows,
    boolean createTables,
    boolean dropColumns,
    boolean synchronousCommit) {

  public static final String PREFIX = "POSTGRES_OUTPUT_";

  /** The most events {@link #batchSize()} may ask for in one target transaction. */
  public static final int MAX_BATCH_SIZE = 100_000;

  /**
   * The default {@link #pipelinedRows()}: below it, staging (a COPY and a round trip of set-based
   * statements per table) costs the target more than one prepared statement per row.
   */
  public static final int PIPELINED_ROWS = 32;

  public SinkConfig {
    tables = List.copyOf(tables);
    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
      throw new IllegalArgumentException(
          "batch size must be 1.." + MAX_BATCH_SIZE + " events: " + batchSize);
    }
    if (batchBytes < 1) {
      throw new IllegalArgumentException("batch bytes must be > 0: " + batchBytes);
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException("flush interval must be > 0: " + flushInterval);
    }
    if (reconnectFor.isNegative()) {
      throw new IllegalArgumentException("reconnectFor must be >= 0: " + reconnectFor);
    }
    if (pipelinedRows < 0) {
      throw new IllegalArgumentException("pipelinedRows must be >= 0: " + pipelinedRows);
    }
    if (sourceId.isBlank() || schema.isBlank()) {
      throw new IllegalArgumentException("source id and schema must not be blank");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder filled from {@code POSTGRES_OUTPUT_*} and {@code PG*} variables in {@code env}. */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = builder();
    b.connection(ConnectionSettings.fromEnvironment(env, "POSTGRES_OUTPUT"));
    b.batchSize(
        EnvValues.integer(EnvValues.get(env, PREFIX + "BATCH_SIZE", "10000"), "BATCH_SIZE"));
    b.batchBytes(
        EnvValues.bytes(
            EnvValues.get(env, PREFIX + "BATCH_BYTES", "64MB"), PREFIX + "BATCH_BYTES"));
    b.flushInterval(
        EnvValues.duration(
            EnvValues.get(env, PREFIX + "FLUSH_INTERVAL", "5s"), PREFIX + "FLUSH_INTERVAL"));
    b.conflictStrategy(
        ConflictStrategy.parse(EnvValues.get(env, PREFIX + "CONFLICT_STRATEGY", "upsert")));
    b.tables(EnvValues.list(EnvValues.get(env, PREFIX + "TABLES", "")));
    b.createTables(
        EnvValues.bool(
            EnvValues.get(env, PREFIX + "CREATE_TABLES", "true"), PREFIX + "CREATE_TABLES"));
    b.dropColumns(
        EnvValues.bool(
            EnvValues.get(env, PREFIX + "DROP_COLUMNS", "false"), PREFIX + "DROP_COLUMNS"));
    b.synchronousCommit(
        EnvValues.bool(
            EnvValues.get(env, PREFIX + "SYNCHRONOUS_COMMIT", "off"),
            PREFIX + "SYNCHRONOUS_COMMIT"));
    return b;
  }

  @Override
  public String toString() {
    return "SinkConfig["
        + (connection == null ? "given database" : connection)
        + ", source="
        + sourceId
        + ", schema="
        + schema
        + ", batch="
        + batchSize
        + ", flush="
        + flushInterval
        + ", "
        + conflictStrategy.name().toLowerCase(java.util.Locale.ROOT)
        + ", tables="
        + (tables.isEmpty() ? "all" : tables)
        + "]";
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private @Nullable ConnectionSettings connection;
    private String sourceId = "pgpipe";
    private String schema = "pgpipe";
    private int batchSize = 10_000;
    private long batchBytes = 64L << 20;
    private Duration flushInterval = Duration.ofSeconds(5);
    private ConflictStrategy strategy = ConflictStrategy.UPSERT;
    private List<String> tables = List.of();
    private Duration reconnectFor = Duration.ofMinutes(5);
    private Ticker ticker = Ticker.SYSTEM;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private int pipelinedRows = PIPELINED_ROWS;
    private boolean createTables = true;
    private boolean dropColumns;
    private boolean synchronousCommit;

    Builder() {}

    /** Make replicate wait for the target's WAL flush at each commit (default false). */
    public Builder synchronousCommit(boolean wait) {
      this.synchronousCommit = wait;
      return this;
    }

    /** Create missing target tables and add new columns (default true). */
    public Builder createTables(boolean create) {
      this.createTables = create;
      return this;
    }

    /** Drop a column on the target when the source dropped it (default false: keep it). */
    public Builder dropColumns(boolean drop) {
      this.dropColumns = drop;
      return this;
    }

    public Builder url(String url) {
      return connection(ConnectionSettings.parse(url));
    }

    public Builder connection(ConnectionSettings settings) {
      this.connection = settings;
      return this;
    }

    public Builder sourceId(String id) {
      this.sourceId = id;
      return this;
    }

    public Builder schema(String name) {
      this.schema = name;
      return this;
    }

    public Builder batchSize(int events) {
      this.batchSize = events;
      return this;
    }

    /** Also end a batch once its events hold about this many bytes (default 64 MiB). */
    public Builder batchBytes(long bytes) {
      this.batchBytes = bytes;
      return this;
    }

    public Builder flushInterval(Duration interval) {
      this.flushInterval = interval;
      return this;
    }

    public Builder conflictStrategy(ConflictStrategy conflictStrategy) {
      this.strategy = conflictStrategy;
      return this;
    }

    public Builder tables(List<String> names) {
      this.tables = List.copyOf(names);
      return this;
    }

    public Builder reconnectFor(Duration limit) {
      this.reconnectFor = limit;
      return this;
    }

    /** The clock the sink measures time on (default {@link Ticker#SYSTEM}). */
    public Builder ticker(Ticker clock) {
      this.ticker = clock;
      return this;
    }

    /** What waits between retries (default {@link Sleeper#SYSTEM}). */
    public Builder sleeper(Sleeper waits) {
      this.sleeper = waits;
      return this;
    }

    /** The most rows of a table's step applied by pipelined statements (0: always staged). */
    public Builder pipelinedRows(int rows) {
      this.pipelinedRows = rows;
      return this;
    }

    public SinkConfig build() {
      return new SinkConfig(
          connection,
          sourceId,
          schema,
          batchSize,
          batchBytes,
          flushInterval,
          strategy,
          tables,
          reconnectFor,
          ticker,
          sleeper,
          pipelinedRows,
          createTables,
          dropColumns,
          synchronousCommit);
    }
  }
}
