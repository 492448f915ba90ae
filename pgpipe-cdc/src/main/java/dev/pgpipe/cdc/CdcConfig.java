package dev.pgpipe.cdc;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link ChangeStream} needs, built once by {@link Builder} and then frozen.
 *
 * <p>From the environment with {@link #fromEnvironment(Map)}: {@code POSTGRES_INPUT_HOST}, {@code
 * _PORT} (5432), {@code _USER}, {@code _PASSWORD}, {@code _DATABASE}, {@code _REPLICATION_SLOT},
 * {@code _PUBLICATION}, {@code _TABLES} (comma list; all tables when unset), {@code _BATCH_SIZE}
 * (100) and {@code _BATCH_TIMEOUT} (seconds or a duration like {@code 500ms}; 5 s); the standard
 * {@code PG*} variables fill in what those leave out (the connection is read by {@link
 * ConnectionSettings#fromEnvironment(Map, String)}). Setters called afterwards (flags) override.
 * {@link #toString()} leaves the password out.
 */
public final class CdcConfig {

  private final ConnectionSettings connection;
  private final String slot;
  private final String publication;
  private final List<String> tables;
  private final EventFilter filter;
  private final SnapshotMode snapshot;
  private final Tuning tuning;
  private final boolean createSlot;
  private final boolean createPublication;
  private final boolean strictReplicaIdentity;
  private final long resumeLsn;
  private final Ticker ticker;
  private final @Nullable Sleeper sleeper;

  private CdcConfig(Builder b) {
    this.connection = require(b.connection, "connection (a URL or POSTGRES_INPUT_HOST)");
    this.slot = identifier(b.slot, "slot");
    this.publication = identifier(b.publication, "publication");
    this.tables = List.copyOf(b.tables);
    this.filter = b.filter;
    this.snapshot = b.snapshot;
    this.tuning = b.tuning.build();
    this.createSlot = b.createSlot;
    this.createPublication = b.createPublication;
    this.strictReplicaIdentity = b.strictReplicaIdentity;
    this.resumeLsn = b.resumeLsn;
    this.ticker = b.ticker;
    this.sleeper = b.sleeper;
  }

  private CdcConfig(CdcConfig base, SnapshotMode snapshot, boolean createSlot) {
    this.connection = base.connection;
    this.slot = base.slot;
    this.publication = base.publication;
    this.tables = base.tables;
    this.filter = base.filter;
    this.snapshot = snapshot;
    this.tuning = base.tuning;
    this.createSlot = createSlot;
    this.createPublication = base.createPublication;
    this.strictReplicaIdentity = base.strictReplicaIdentity;
    this.resumeLsn = base.resumeLsn;
    this.ticker = base.ticker;
    this.sleeper = base.sleeper;
  }

  /**
   * This configuration for a consumer that durably holds the whole initial snapshot already (its
   * own store recorded a change streamed after it): no snapshot is taken, and the slot must exist,
   * so a lost slot is reported instead of silently replaced by a new one that misses the changes in
   * between. Only the consumer can know this: the slot's confirmed position may lag behind what the
   * consumer made durable.
   */
  public CdcConfig afterSnapshot() {
    return new CdcConfig(this, SnapshotMode.NEVER, false);
  }

  /**
   * {@link #afterSnapshot()} when this configuration asks for an initial snapshot and the consumer
   * says its store holds a change streamed after it; otherwise this configuration.
   */
  public CdcConfig resumedBy(boolean storeHoldsStreamedChanges) {
    return snapshot == SnapshotMode.INITIAL && storeHoldsStreamedChanges ? afterSnapshot() : this;
  }

  private static <T> T require(@Nullable T value, String what) {
    if (value == null) {
      throw new IllegalArgumentException("missing " + what);
    }
    return value;
  }

  /**
   * Slot and publication names: lower-case letters, digits and underscores, as PostgreSQL wants.
   */
  private static String identifier(String name, String what) {
    if (!name.matches("[a-z0-9_]{1,63}")) {
      throw new IllegalArgumentException(
          what + " name must be 1-63 of a-z, 0-9 and _: '" + name + "'");
    }
    return name;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder filled from {@code POSTGRES_INPUT_*} and {@code PG*} variables in {@code env}. */
  public static Builder fromEnvironment(Map<String, String> env) {
    return EnvironmentConfig.read(env);
  }

  public ConnectionSettings connection() {
    return connection;
  }

  public String slot() {
    return slot;
  }

  public String publication() {
    return publication;
  }

  /** Tables of the publication ({@code schema.table} or {@code table}); empty means all. */
  public List<String> tables() {
    return tables;
  }

  public EventFilter filter() {
    return filter;
  }

  public SnapshotMode snapshot() {
    return snapshot;
  }

  public Tuning tuning() {
    return tuning;
  }

  /**
   * The clock the reconnect deadline ({@link Tuning#reconnect()}) is measured on. Status updates to
   * the server keep to real time: they keep a real connection alive.
   */
  public Ticker ticker() {
    return ticker;
  }

  /**
   * What waits out reconnect backoffs and heartbeat intervals; null: the stream's own wait, which
   * {@link ChangeStream#close()} cuts short.
   */
  public @Nullable Sleeper sleeper() {
    return sleeper;
  }

  /** Shortcut for {@code tuning().maxEventsPerPart()}. */
  public int maxEventsPerPart() {
    return tuning.maxEventsPerPart();
  }

  public boolean createSlot() {
    return createSlot;
  }

  public boolean createPublication() {
    return createPublication;
  }

  /** Fail (instead of warn) on published tables whose updates and deletes cannot be replicated. */
  public boolean strictReplicaIdentity() {
    return strictReplicaIdentity;
  }

  /**
   * The position the downstream store last made durable, or 0. When the slot has confirmed more
   * than this, changes in between were lost for that store: starting fails instead of skipping.
   */
  public long resumeLsn() {
    return resumeLsn;
  }

  @Override
  public String toString() {
    return "CdcConfig["
        + connection
        + ", slot="
        + slot
        + ", publication="
        + publication
        + ", tables="
        + (tables.isEmpty() ? "all" : tables)
        + ", snapshot="
        + snapshot
        + "]";
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private @Nullable ConnectionSettings connection;
    private String slot = "pgpipe";
    private String publication = "pgpipe";
    private List<String> tables = List.of();
    private EventFilter filter = EventFilter.all();
    private SnapshotMode snapshot = SnapshotMode.INITIAL;
    private final Tuning.Builder tuning = Tuning.builder();
    private boolean createSlot = true;
    private boolean createPublication = true;
    private boolean strictReplicaIdentity;
    private long resumeLsn;
    private Ticker ticker = Ticker.SYSTEM;
    private @Nullable Sleeper sleeper;

    Builder() {}

    public Builder url(String url) {
      return connection(ConnectionSettings.parse(url));
    }

    public Builder connection(ConnectionSettings settings) {
      this.connection = settings;
      return this;
    }

    public Builder slot(String name) {
      this.slot = name;
      return this;
    }

    public Builder publication(String name) {
      this.publication = name;
      return this;
    }

    public Builder tables(List<String> names) {
      this.tables = List.copyOf(names);
      return this;
    }

    public Builder filter(EventFilter eventFilter) {
      this.filter = eventFilter;
      return this;
    }

    public Builder snapshot(SnapshotMode mode) {
      this.snapshot = mode;
      return this;
    }

    /** Flow and resource settings; see {@link Tuning}. */
    public Tuning.Builder tuning() {
      return tuning;
    }

    public Builder createSlot(boolean create) {
      this.createSlot = create;
      return this;
    }

    public Builder createPublication(boolean create) {
      this.createPublication = create;
      return this;
    }

    public Builder strictReplicaIdentity(boolean strict) {
      this.strictReplicaIdentity = strict;
      return this;
    }

    public Builder resumeLsn(long lsn) {
      this.resumeLsn = lsn;
      return this;
    }

    /** The clock the reconnect deadline is measured on ({@link Ticker#SYSTEM}). */
    public Builder ticker(Ticker clock) {
      this.ticker = clock;
      return this;
    }

    /**
     * What waits out reconnect backoffs and heartbeat intervals (tests: a fake that records). The
     * default waits on the stream's stop signal, so that closing the stream ends a wait at once.
     */
    public Builder sleeper(Sleeper waits) {
      this.sleeper = waits;
      return this;
    }

    public CdcConfig build() {
      return new CdcConfig(this);
    }
  }
}
