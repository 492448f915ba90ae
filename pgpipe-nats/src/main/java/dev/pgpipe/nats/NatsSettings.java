package dev.pgpipe.nats;

import dev.pgpipe.client.SecretFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to reach NATS: server URLs ({@code nats://host:4222}, {@code tls://...}), credentials (user
 * and password, a token, a credentials file, or an NKey seed file: at most one kind), TLS, and
 * reconnection (forever by default, with exponential backoff from {@code reconnectWait} up to
 * {@code maxReconnectWait}, jittered). Immutable; {@link #toString()} never shows a password or a
 * token.
 */
public final class NatsSettings {

  private final List<String> servers;
  private final @Nullable String user;
  private final @Nullable String password;
  private final @Nullable String token;
  private final @Nullable Path credentialsFile;
  private final @Nullable Path nkeySeedFile;
  private final boolean tls;
  private final @Nullable Path caFile;
  private final Duration connectTimeout;
  private final Duration reconnectWait;
  private final Duration maxReconnectWait;
  private final int maxReconnects;
  private final Duration startupWait;
  private final String connectionName;

  private NatsSettings(Builder b) {
    validate(b);
    this.servers = List.copyOf(b.servers);
    this.user = b.user;
    this.password = b.password;
    this.token = b.token;
    this.credentialsFile = b.credentialsFile;
    this.nkeySeedFile = b.nkeySeedFile;
    this.tls = b.tls || b.caFile != null;
    this.caFile = b.caFile;
    this.connectTimeout = b.connectTimeout;
    this.reconnectWait = b.reconnectWait;
    this.maxReconnectWait = b.maxReconnectWait;
    this.maxReconnects = b.maxReconnects;
    this.startupWait = b.startupWait;
    this.connectionName = b.connectionName;
  }

  private static void validate(Builder b) {
    if (b.servers.isEmpty()) {
      throw new IllegalArgumentException("at least one NATS server URL is needed (NATS_URL)");
    }
    for (String server : b.servers) {
      if (!server.matches("(?i)(nats|tls|ws|wss)://.+")) {
        throw new IllegalArgumentException(
            "NATS server URL must look like nats://host:4222 or tls://host:4222: " + server);
      }
    }
    int kinds =
        (b.user != null ? 1 : 0)
            + (b.token != null ? 1 : 0)
            + (b.credentialsFile != null ? 1 : 0)
            + (b.nkeySeedFile != null ? 1 : 0);
    if (kinds > 1) {
      throw new IllegalArgumentException(
          "choose one kind of NATS credentials: user/password, token, credentials file or NKey"
              + " seed file");
    }
    if (b.user != null && b.password == null) {
      throw new IllegalArgumentException("NATS user " + b.user + " needs a password");
    }
    if (b.reconnectWait.isNegative() || b.maxReconnectWait.compareTo(b.reconnectWait) < 0) {
      throw new IllegalArgumentException(
          "need 0 <= reconnectWait <= maxReconnectWait: "
              + b.reconnectWait
              + ", "
              + b.maxReconnectWait);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Settings for one server URL, everything else default. */
  public static NatsSettings of(String url) {
    return builder().servers(url).build();
  }

  /**
   * Reads {@code NATS_URL} (comma-separated URLs, default {@code nats://127.0.0.1:4222}), {@code
   * NATS_USER}, {@code NATS_PASSWORD} or {@code NATS_PASSWORD_FILE}, {@code NATS_TOKEN} or {@code
   * NATS_TOKEN_FILE}, {@code NATS_CREDS} (credentials file), {@code NATS_NKEY} (NKey seed file) and
   * {@code NATS_CA} (PEM file of the CAs to trust; turns TLS on). The {@code _FILE} variables name
   * files holding the secret, as {@link SecretFile} reads them. Returns a builder so flags can
   * override.
   *
   * @throws IllegalArgumentException when a secret and its {@code _FILE} are both set or the file
   *     cannot be read (the message names the variable, never the secret)
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = builder().servers(env.getOrDefault("NATS_URL", "nats://127.0.0.1:4222"));
    value(env, "NATS_USER").ifPresent(u -> b.user(u, secret(env, "NATS_PASSWORD").orElse("")));
    secret(env, "NATS_TOKEN").ifPresent(b::token);
    value(env, "NATS_CA").ifPresent(p -> b.caFile(Path.of(p)));
    value(env, "NATS_CREDS").ifPresent(p -> b.credentialsFile(Path.of(p)));
    value(env, "NATS_NKEY").ifPresent(p -> b.nkeySeedFile(Path.of(p)));
    return b;
  }

  private static Optional<String> secret(Map<String, String> env, String name) {
    Optional<String> direct = value(env, name);
    Optional<String> file = value(env, name + "_FILE");
    if (direct.isPresent() && file.isPresent()) {
      throw new IllegalArgumentException(
          "both " + name + " and " + name + "_FILE are set: keep only one");
    }
    return file.map(f -> SecretFile.read(Path.of(f), name + "_FILE")).or(() -> direct);
  }

  private static Optional<String> value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  public List<String> servers() {
    return servers;
  }

  public @Nullable String user() {
    return user;
  }

  @Nullable String password() {
    return password;
  }

  @Nullable String token() {
    return token;
  }

  public @Nullable Path credentialsFile() {
    return credentialsFile;
  }

  public @Nullable Path nkeySeedFile() {
    return nkeySeedFile;
  }

  public boolean tls() {
    return tls;
  }

  /** The PEM file of the CAs TLS trusts, or null for the JVM's trust store. */
  public @Nullable Path caFile() {
    return caFile;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration reconnectWait() {
    return reconnectWait;
  }

  public Duration maxReconnectWait() {
    return maxReconnectWait;
  }

  /** How often to try to reconnect before giving up; -1: forever. */
  public int maxReconnects() {
    return maxReconnects;
  }

  /**
   * How long a process that starts while NATS is unreachable keeps trying (with the reconnect
   * backoff) before it fails; zero fails at the first attempt.
   */
  public Duration startupWait() {
    return startupWait;
  }

  public String connectionName() {
    return connectionName;
  }

  @Override
  public String toString() {
    String auth =
        user != null
            ? "user " + user + " (password hidden)"
            : token != null
                ? "token (hidden)"
                : credentialsFile != null
                    ? "credentials file " + credentialsFile
                    : nkeySeedFile != null ? "NKey seed file " + nkeySeedFile : "none";
    return "NatsSettings[servers=" + servers + ", auth=" + auth + ", tls=" + tls + "]";
  }

  /** Collects settings; {@link #build()} validates them. Not thread-safe. */
  public static final class Builder {
    private List<String> servers = List.of();
    private @Nullable String user;
    private @Nullable String password;
    private @Nullable String token;
    private @Nullable Path credentialsFile;
    private @Nullable Path nkeySeedFile;
    private boolean tls;
    private @Nullable Path caFile;
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration startupWait = Duration.ofMinutes(2);
    private Duration reconnectWait = Duration.ofMillis(100);
    private Duration maxReconnectWait = Duration.ofSeconds(5);
    private int maxReconnects = -1;
    private String connectionName = "pgpipe";

    private Builder() {}

    /** One or more URLs, each possibly a comma-separated list. */
    public Builder servers(String... urls) {
      List<String> all = new ArrayList<>();
      for (String url : urls) {
        for (String part : url.split(",")) {
          if (!part.isBlank()) {
            all.add(part.strip());
          }
        }
      }
      this.servers = all;
      return this;
    }

    public Builder user(String name, String secret) {
      this.user = name;
      this.password = secret;
      return this;
    }

    public Builder token(String secret) {
      this.token = secret;
      return this;
    }

    public Builder credentialsFile(Path path) {
      this.credentialsFile = path;
      return this;
    }

    public Builder nkeySeedFile(Path path) {
      this.nkeySeedFile = path;
      return this;
    }

    /** TLS with the JVM's default trust store (also implied by {@code tls://} URLs). */
    public Builder tls(boolean enabled) {
      this.tls = enabled;
      return this;
    }

    /** TLS that trusts the CAs in this PEM file instead of the JVM's trust store. */
    public Builder caFile(Path pemFile) {
      this.caFile = pemFile;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    public Builder reconnectWait(Duration initial, Duration max) {
      this.reconnectWait = initial;
      this.maxReconnectWait = max;
      return this;
    }

    public Builder maxReconnects(int attempts) {
      this.maxReconnects = attempts;
      return this;
    }

    /** How long to keep trying when NATS is unreachable at start (default 2 minutes). */
    public Builder startupWait(Duration wait) {
      if (wait.isNegative()) {
        throw new IllegalArgumentException("startupWait must be >= 0: " + wait);
      }
      this.startupWait = wait;
      return this;
    }

    public Builder connectionName(String name) {
      this.connectionName = name;
      return this;
    }

    public NatsSettings build() {
      return new NatsSettings(this);
    }
  }
}
