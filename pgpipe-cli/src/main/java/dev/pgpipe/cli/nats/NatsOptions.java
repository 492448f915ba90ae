package dev.pgpipe.cli.nats;

import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.nats.StreamSettings;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The NATS flags shared by {@code sink --from nats://...} and {@code cdc --to nats://...}: the
 * stream ({@code --stream}, default {@code PGPIPE}, and {@code --stream-replicas}) and the source
 * name ({@code --source}, default {@code pgpipe}), which is part of every subject and message id
 * and must be the same on the publishing and the consuming side. The server URL comes from the
 * command's {@code --from} or {@code --to}, else {@code NATS_URL}; credentials only from {@code
 * NATS_USER}/{@code NATS_PASSWORD}, {@code NATS_TOKEN}, {@code NATS_CREDS} or {@code NATS_NKEY},
 * never from flags, so they stay out of shell history and process lists.
 */
public final class NatsOptions {

  /** The default source name on both sides. */
  public static final String DEFAULT_SOURCE = "pgpipe";

  @Option(
      names = "--stream",
      paramLabel = "S",
      description =
          "JetStream stream (default PGPIPE; created when missing, checked when present).")
  private @Nullable String stream;

  @Option(
      names = "--stream-replicas",
      paramLabel = "N",
      description =
          "Replicas of the stream and its dead-letter stream when pgpipe creates them, 1 to 5"
              + " (default 1; 3 on a cluster). An existing stream must have as many.")
  private int replicas = 1;

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Source name in subjects and message ids, same on both sides (default pgpipe).")
  private @Nullable String source;

  /** Whether {@code text} names a NATS server: {@code nats://}, {@code tls://} (case ignored). */
  public static boolean isNatsUrl(@Nullable String text) {
    return text != null && text.matches("(?i)(nats|tls)://.+");
  }

  /**
   * The connection settings: {@code url} when given (else {@code NATS_URL}), credentials from the
   * variables.
   *
   * @throws IllegalArgumentException for a malformed URL or conflicting credentials
   */
  public NatsSettings settings(@Nullable String url, Map<String, String> env) {
    NatsSettings.Builder builder = NatsSettings.fromEnvironment(env);
    if (url != null) {
      builder.servers(url);
    }
    return builder.build();
  }

  /** Whether a server was named, by URL or by {@code NATS_URL}. */
  public static boolean named(@Nullable String url, Map<String, String> env) {
    return url != null
        || Optional.ofNullable(env.get("NATS_URL")).filter(u -> !u.isBlank()).isPresent();
  }

  /**
   * The servers for messages: each URL with any password or token in it replaced by {@code ***}
   * ({@code nats://user:***@host:4222}), and how it authenticates, never the secret.
   */
  public static String describe(NatsSettings settings) {
    List<String> servers =
        settings.servers().stream()
            .map(u -> u.replaceAll("//([^:@/]*):[^@/]*@", "//$1:***@"))
            .map(u -> u.replaceAll("//[^:@/]+@", "//***@"))
            .toList();
    String auth = settings.toString().replaceAll("^.*auth=([^,]*),.*$", "$1");
    return String.join(",", servers) + " (auth: " + auth + ")";
  }

  /**
   * The stream: the defaults under the name of {@code --stream} with {@code --stream-replicas}.
   *
   * @throws IllegalArgumentException for a replica count outside 1..5
   */
  public StreamSettings stream() {
    String name = stream;
    StreamSettings defaults =
        name == null ? StreamSettings.defaults() : StreamSettings.defaults().withName(name);
    if (replicas < 1 || replicas > 5) {
      throw new IllegalArgumentException(
          "--stream-replicas must be 1 to 5 (JetStream's limit), not " + replicas);
    }
    return defaults.withReplicas(replicas);
  }

  public String source() {
    String name = source;
    return name == null ? DEFAULT_SOURCE : name;
  }
}
