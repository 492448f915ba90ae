package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnEncoder.Compression;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.LongSupplier;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A client's frozen configuration, made by {@link LiveClientBuilder}. {@link #toString()} shows the
 * API key as {@link ApiKey} does: its last five characters.
 */
record LiveConfig(
    ApiKey apiKey,
    String dataset,
    GatewayAddress gateway,
    boolean tsOut,
    Compression compression,
    String clientName,
    @Nullable Duration heartbeatInterval,
    @Nullable SlowReaderBehavior slowReader,
    ReconnectPolicy reconnect,
    Duration connectTimeout,
    Duration authTimeout,
    Duration pollInterval,
    SocketFactory socketFactory,
    InstantSource clock,
    LongSupplier ticker,
    Sleeper sleeper) {

  /** The gateway's default heartbeat interval. */
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  /** Silence beyond the heartbeat interval after which the connection counts as dead. */
  static final Duration HEARTBEAT_GRACE = Duration.ofSeconds(5);

  /** The longest silence allowed once the stream runs: heartbeat interval + 5 s. */
  Duration silenceLimit() {
    Duration interval = heartbeatInterval;
    return (interval != null ? interval : DEFAULT_HEARTBEAT).plus(HEARTBEAT_GRACE);
  }

  /** The authentication line answering {@code challenge}. */
  AuthRequest authRequest(String challenge) {
    return new AuthRequest(
        apiKey.cramResponse(challenge),
        dataset,
        tsOut,
        compression,
        clientName,
        heartbeatInterval,
        slowReader);
  }
}
