package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnEncoder.Compression;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.Function;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Configures a {@link LiveClient}; only the dataset is required. Defaults: the key from {@value
 * ApiKey#ENV}, the dataset's gateway on port 13000, no {@code ts_out}, no compression, the
 * gateway's heartbeat interval (30 s), no reconnection, a 10 s connect timeout and a 30 s
 * authentication timeout. Not thread-safe; {@link #build()} freezes a copy.
 */
public final class LiveClientBuilder {
  private @Nullable ApiKey apiKey;
  private Function<String, @Nullable String> environment = System::getenv;
  private @Nullable String dataset;
  private @Nullable GatewayAddress gateway;
  private boolean tsOut;
  private Compression compression = Compression.NONE;
  private String clientName = "pgpipe/0.1";
  private @Nullable Duration heartbeatInterval;
  private @Nullable SlowReaderBehavior slowReader;
  private ReconnectPolicy reconnect = ReconnectPolicy.none();
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration authTimeout = Duration.ofSeconds(30);
  private Duration pollInterval = Duration.ofSeconds(1);
  private SocketFactory socketFactory = SocketFactory.getDefault();
  private InstantSource clock = InstantSource.system();
  private LongSupplier ticker = System::nanoTime;
  private Sleeper sleeper = Sleeper.system();

  LiveClientBuilder() {}

  /** The API key; see {@link ApiKey#of}. */
  public LiveClientBuilder apiKey(String key) {
    return apiKey(ApiKey.of(key));
  }

  /** The API key. */
  public LiveClientBuilder apiKey(ApiKey key) {
    this.apiKey = key;
    return this;
  }

  /** Where an unset key is looked up (tests); {@code System::getenv} by default. */
  LiveClientBuilder environment(Function<String, @Nullable String> env) {
    this.environment = env;
    return this;
  }

  /** The dataset code, e.g. {@code GLBX.MDP3}; it also names the default gateway. */
  public LiveClientBuilder dataset(String code) {
    if (code.isBlank()) {
      throw new IllegalArgumentException("dataset is blank");
    }
    this.dataset = code.strip();
    return this;
  }

  /** Overrides the gateway address ({@code host:port}), e.g. for tests and relays. */
  public LiveClientBuilder gateway(String hostPort) {
    return gateway(GatewayAddress.parse(hostPort));
  }

  /** Overrides the gateway address. */
  public LiveClientBuilder gateway(GatewayAddress address) {
    this.gateway = address;
    return this;
  }

  /** Whether every record should carry the gateway's send timestamp. */
  public LiveClientBuilder tsOut(boolean on) {
    this.tsOut = on;
    return this;
  }

  /** Compression of the stream after {@code start_session}. */
  public LiveClientBuilder compression(Compression mode) {
    this.compression = mode;
    return this;
  }

  /** The client name sent to the gateway. */
  public LiveClientBuilder clientName(String name) {
    if (name.isBlank() || name.contains("|") || name.contains("\n")) {
      throw new IllegalArgumentException("client name must be non-blank without '|': " + name);
    }
    this.clientName = name;
    return this;
  }

  /**
   * The heartbeat interval to ask for, whole seconds, at least 5; silence longer than this plus 5 s
   * means a dead connection.
   */
  public LiveClientBuilder heartbeatInterval(Duration interval) {
    if (interval.toSeconds() < 5 || interval.toNanosPart() != 0) {
      throw new IllegalArgumentException("heartbeat interval must be >= 5 whole s: " + interval);
    }
    this.heartbeatInterval = interval;
    return this;
  }

  /** What the gateway does when this client reads too slowly. */
  public LiveClientBuilder slowReaderBehavior(SlowReaderBehavior behavior) {
    this.slowReader = behavior;
    return this;
  }

  /** What to do when the connection drops. */
  public LiveClientBuilder reconnectPolicy(ReconnectPolicy policy) {
    this.reconnect = policy;
    return this;
  }

  /** How long opening the TCP connection may take. */
  public LiveClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive("connect timeout", timeout);
    return this;
  }

  /** How long the gateway may stay silent during the handshake. */
  public LiveClientBuilder authTimeout(Duration timeout) {
    this.authTimeout = positive("authentication timeout", timeout);
    return this;
  }

  /** How often a blocked read consults the clock for timeouts (1 s); shorter in tests. */
  public LiveClientBuilder timeoutCheckInterval(Duration interval) {
    this.pollInterval = positive("timeout check interval", interval);
    return this;
  }

  /** Opens the sockets (e.g. to go through a proxy). */
  public LiveClientBuilder socketFactory(SocketFactory factory) {
    this.socketFactory = factory;
    return this;
  }

  /** The clock timeouts are measured on. */
  public LiveClientBuilder clock(InstantSource source) {
    this.clock = source;
    return this;
  }

  /**
   * The monotonic nanosecond clock the reconnection deadline ({@link ReconnectPolicy#maxElapsed()})
   * is measured on ({@code System::nanoTime}); tests pass a fake one that their sleeper advances.
   */
  public LiveClientBuilder ticker(LongSupplier nanos) {
    this.ticker = nanos;
    return this;
  }

  /** Waits out the reconnection backoff. */
  public LiveClientBuilder sleeper(Sleeper waits) {
    this.sleeper = waits;
    return this;
  }

  private static Duration positive(String what, Duration d) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }

  /**
   * A client with this configuration, not yet connected. Throws {@link IllegalStateException}
   * without a dataset, or without a key when {@value ApiKey#ENV} is not set either.
   */
  public LiveClient build() {
    String code = dataset;
    if (code == null) {
      throw new IllegalStateException("no dataset: call dataset(\"GLBX.MDP3\") or similar");
    }
    ApiKey key = apiKey != null ? apiKey : ApiKey.fromEnvironment(environment);
    GatewayAddress address = gateway != null ? gateway : GatewayAddress.forDataset(code);
    return new LiveClient(
        new LiveConfig(
            key,
            code,
            address,
            tsOut,
            compression,
            clientName,
            heartbeatInterval,
            slowReader,
            reconnect,
            connectTimeout,
            authTimeout,
            pollInterval,
            socketFactory,
            clock,
            ticker,
            sleeper));
  }
}
