package dev.pgpipe.nats;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.client.TlsFailure;
import io.nats.client.AuthenticationException;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens NATS connections from {@link NatsSettings}; logs connection events without secrets. */
final class NatsConnections {

  private static final Logger log = LoggerFactory.getLogger(NatsConnections.class);

  private NatsConnections() {}

  /**
   * Counts the losses and reconnections of one connection and tells the operator about them: one
   * warning when NATS becomes unreachable, saying that it reconnects and what waits meanwhile, and
   * one line when it is back, with how long it was away. jnats reports {@code DISCONNECTED} again
   * after every failed reconnect attempt: those go to debug, so a long outage is not a warning per
   * attempt. Keeps the connection's errors ({@link QuietErrors}), and ends the waits of {@link
   * #wakingOnReconnect} when the connection is back. Thread-safe.
   */
  static final class ConnectionEvents implements ConnectionListener {
    private final String role;
    private final String activity;
    private final Ticker ticker;
    private final AtomicBoolean down = new AtomicBoolean();
    private final Object backSignal = new Object();
    private volatile long lostAt;
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong reconnects = new AtomicLong();
    final QuietErrors errors = new QuietErrors();

    /**
     * @param role who connects, e.g. {@code publisher shop}
     * @param activity what waits while NATS is away, e.g. {@code publishing}
     * @param ticker the clock the time away is measured on
     */
    ConnectionEvents(String role, String activity, Ticker ticker) {
      this.role = role;
      this.activity = activity;
      this.ticker = ticker;
    }

    static ConnectionEvents of(PublisherConfig config) {
      return new ConnectionEvents("publisher " + config.source(), "publishing", config.ticker());
    }

    static ConnectionEvents of(ConsumerConfig config) {
      return new ConnectionEvents("consumer " + config.durable(), "consuming", config.ticker());
    }

    @Override
    public void connectionEvent(Connection connection, ConnectionListener.Events type) {
      switch (type) {
        case DISCONNECTED -> lost(connection);
        case RECONNECTED -> back(connection);
        case CLOSED -> log.info("{}: NATS connection closed", role);
        case LAME_DUCK -> log.warn("{}: NATS server entered lame duck mode", role);
        default -> log.debug("{}: NATS {}", role, type);
      }
    }

    private void lost(Connection connection) {
      if (!down.compareAndSet(false, true)) {
        log.debug("{}: NATS still unreachable (a reconnect attempt failed)", role);
        return;
      }
      lostAt = ticker.nanoTime();
      disconnects.incrementAndGet();
      log.warn(
          "{}: NATS at {} is unreachable (connection lost); reconnecting with backoff, {} waits",
          role,
          connection.getServers(),
          activity);
    }

    private void back(Connection connection) {
      reconnects.incrementAndGet();
      long away = down.getAndSet(false) ? ticker.nanoTime() - lostAt : 0;
      synchronized (backSignal) {
        backSignal.notifyAll();
      }
      log.info(
          "{}: reconnected to NATS at {} after {} unreachable; {} resumes",
          role,
          connection.getConnectedUrl(),
          Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(away)),
          activity);
    }

    /**
     * The sleeper for the waits between attempts: a wait ends early when the connection is
     * re-established meanwhile, so that publishing and consuming resume as soon as NATS is back
     * rather than when the backoff's delay (up to its cap) runs out. A wait for another reason
     * (JetStream without a leader, a full stream) sees no reconnection and lasts its delay. A
     * sleeper other than {@link Sleeper#SYSTEM} (a test's fake clock) is returned as it is.
     */
    Sleeper wakingOnReconnect(Sleeper configured) {
      return configured == Sleeper.SYSTEM ? this::sleepUntilReconnected : configured;
    }

    private void sleepUntilReconnected(Duration delay) throws InterruptedException {
      long deadline = System.nanoTime() + delay.toNanos();
      synchronized (backSignal) {
        long seen = reconnects.get();
        for (long left = delay.toNanos();
            reconnects.get() == seen && left > 0;
            left = deadline - System.nanoTime()) {
          TimeUnit.NANOSECONDS.timedWait(backSignal, left);
        }
      }
    }
  }

  /**
   * Connects with the system clock: see {@link #connect(NatsSettings, ConnectionEvents, Ticker,
   * Sleeper)}.
   */
  static Connection connect(NatsSettings settings, ConnectionEvents events) {
    return connect(settings, events, Ticker.SYSTEM, Sleeper.SYSTEM);
  }

  /**
   * Connects; while no server can be reached, tries again with the reconnect backoff for up to
   * {@link NatsSettings#startupWait()}, saying so in the log. Later losses are reconnected per the
   * settings. Refused credentials and an untrusted certificate fail at once.
   *
   * @throws NatsTransportException when NATS refused the credentials or the certificate, or stayed
   *     unreachable
   */
  static Connection connect(
      NatsSettings settings, ConnectionEvents events, Ticker ticker, Sleeper sleeper) {
    QuietErrors errors = events.errors;
    Options options = options(settings, events, errors);
    Attempts attempts =
        Backoff.exponential(settings.reconnectWait(), settings.maxReconnectWait())
            .withMaxElapsed(settings.startupWait())
            .start(ticker);
    try {
      while (true) {
        try {
          return Nats.connect(options);
        } catch (AuthenticationException e) {
          throw refused(settings, e);
        } catch (IOException e) {
          if (refusedCredentials(e)) {
            throw refused(settings, e);
          }
          boolean untrusted =
              TlsFailure.isUntrustedCertificate(e) || errors.sawUntrustedCertificate();
          if (untrusted || settings.startupWait().isZero() || !attempts.failed()) {
            throw unreachable(settings, e, untrusted);
          }
          log.warn(
              "NATS at {} is not reachable ({}); trying again in {}",
              settings.servers(),
              e.getMessage(),
              attempts.nextDelay());
          attempts.pause(sleeper);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsTransportException("interrupted while connecting to NATS", e);
    }
  }

  private static NatsTransportException refused(NatsSettings settings, Exception e) {
    return new NatsTransportException(
        "NATS at "
            + settings.servers()
            + " refused the credentials ("
            + describeAuth(settings)
            + "): "
            + e.getMessage()
            + "; check NATS_CREDS, NATS_NKEY, NATS_USER/NATS_PASSWORD_FILE or NATS_TOKEN_FILE",
        e);
  }

  private static NatsTransportException unreachable(
      NatsSettings settings, IOException e, boolean untrusted) {
    if (untrusted) {
      Path caFile = settings.caFile();
      return new NatsTransportException(
          "cannot connect to NATS at "
              + settings.servers()
              + ": "
              + e.getMessage()
              + "; the server's certificate is not signed by a CA in "
              + (caFile == null ? "the JVM's trust store: set NATS_CA" : "NATS_CA " + caFile),
          e);
    }
    return new NatsTransportException(
        "cannot connect to NATS at "
            + settings.servers()
            + " (waited "
            + settings.startupWait()
            + "): "
            + e.getMessage()
            + "; check NATS_URL and that the server runs with JetStream (-js)",
        e);
  }

  /**
   * The server's "Authorization Violation" (or an authentication error) when jnats reports it only
   * as text: there is no code to branch on.
   */
  static boolean refusedCredentials(IOException e) {
    String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    return text.contains("authorization violation") || text.contains("authentication");
  }

  private static Options options(
      NatsSettings settings, ConnectionListener listener, QuietErrors errors) {
    Options.Builder b =
        Options.builder()
            .servers(settings.servers().toArray(String[]::new))
            .connectionName(settings.connectionName())
            .connectionTimeout(settings.connectTimeout())
            .maxReconnects(settings.maxReconnects())
            .reconnectDelayHandler(attempt -> backoff(settings, attempt))
            .connectionListener(listener)
            .errorListener(errors);
    String user = settings.user();
    String password = settings.password();
    if (user != null && password != null) {
      b.userInfo(user.toCharArray(), password.toCharArray());
    }
    String token = settings.token();
    if (token != null) {
      b.token(token.toCharArray());
    }
    if (settings.credentialsFile() != null) {
      b.authHandler(Nats.credentials(String.valueOf(settings.credentialsFile())));
    }
    if (settings.nkeySeedFile() != null) {
      b.authHandler(SeedFileAuth.read(settings.nkeySeedFile()));
    }
    Path caFile = settings.caFile();
    if (caFile != null) {
      b.sslContext(PemTrust.context(caFile));
    } else if (settings.tls()) {
      try {
        b.secure();
      } catch (NoSuchAlgorithmException e) {
        throw new NatsTransportException("TLS is not available in this JVM", e);
      }
    }
    return b.build();
  }

  private static String describeAuth(NatsSettings settings) {
    return settings.toString().replaceAll("^.*auth=([^,]*),.*$", "$1");
  }

  /** Closes {@code connection}; an interrupt while it flushes is kept in the thread's flag. */
  static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Exponential from reconnectWait to maxReconnectWait, with up to 20 % jitter. */
  static Duration backoff(NatsSettings settings, long attempt) {
    long initial = Math.max(1, settings.reconnectWait().toMillis());
    long max = Math.max(initial, settings.maxReconnectWait().toMillis());
    long shift = Math.min(20, Math.max(0, attempt - 1));
    long base = Math.min(max, initial << shift);
    long jitter = base / 5 == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 5 + 1);
    return Duration.ofMillis(Math.min(max, base + jitter));
  }
}
