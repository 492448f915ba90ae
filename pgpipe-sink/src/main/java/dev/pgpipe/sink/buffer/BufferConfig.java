package dev.pgpipe.sink.buffer;

import dev.pgpipe.sink.EnvValues;
import java.time.Duration;
import java.util.Map;

/**
 * Buffer settings. From the environment with {@link #fromEnvironment(Map)}: {@code
 * PGPIPE_BUFFER_ENABLED} (false), {@code _SCHEMA} (pgpipe), {@code _BATCH_SIZE} (1000), {@code
 * _FLUSH_INTERVAL} (5s), {@code _RETENTION} (168h), {@code _CLEANUP_INTERVAL} (1h), {@code
 * _MAX_ATTEMPTS} (5: a batch failing that often goes to the dead-letter table).
 */
public record BufferConfig(
    boolean enabled,
    String schema,
    int batchSize,
    Duration flushInterval,
    Duration retention,
    Duration cleanupInterval,
    int maxAttempts) {

  public static final String PREFIX = "PGPIPE_BUFFER_";

  public BufferConfig {
    if (batchSize < 1) {
      throw new IllegalArgumentException("buffer batch size must be > 0: " + batchSize);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("max attempts must be > 0: " + maxAttempts);
    }
    if (schema.isBlank()) {
      throw new IllegalArgumentException("buffer schema must not be blank");
    }
  }

  /** The defaults listed above. */
  public static BufferConfig defaults() {
    return fromEnvironment(Map.of());
  }

  public static BufferConfig fromEnvironment(Map<String, String> env) {
    return new BufferConfig(
        EnvValues.bool(EnvValues.get(env, PREFIX + "ENABLED", "false"), PREFIX + "ENABLED"),
        EnvValues.get(env, PREFIX + "SCHEMA", "pgpipe"),
        EnvValues.integer(EnvValues.get(env, PREFIX + "BATCH_SIZE", "1000"), PREFIX + "BATCH_SIZE"),
        EnvValues.duration(
            EnvValues.get(env, PREFIX + "FLUSH_INTERVAL", "5s"), PREFIX + "FLUSH_INTERVAL"),
        EnvValues.duration(EnvValues.get(env, PREFIX + "RETENTION", "168h"), PREFIX + "RETENTION"),
        EnvValues.duration(
            EnvValues.get(env, PREFIX + "CLEANUP_INTERVAL", "1h"), PREFIX + "CLEANUP_INTERVAL"),
        EnvValues.integer(
            EnvValues.get(env, PREFIX + "MAX_ATTEMPTS", "5"), PREFIX + "MAX_ATTEMPTS"));
  }

  public BufferConfig withBatchSize(int size) {
    return new BufferConfig(
        enabled, schema, size, flushInterval, retention, cleanupInterval, maxAttempts);
  }

  public BufferConfig withFlushInterval(Duration interval) {
    return new BufferConfig(
        enabled, schema, batchSize, interval, retention, cleanupInterval, maxAttempts);
  }

  public BufferConfig withSchema(String name) {
    return new BufferConfig(
        enabled, name, batchSize, flushInterval, retention, cleanupInterval, maxAttempts);
  }
}
