package dev.pgpipe.cdc;

import dev.pgpipe.client.ConnectionSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads {@code POSTGRES_INPUT_*} variables into a {@link CdcConfig.Builder}. */
final class EnvironmentConfig {

  static final String PREFIX = "POSTGRES_INPUT_";

  private EnvironmentConfig() {}

  static CdcConfig.Builder read(Map<String, String> env) {
    CdcConfig.Builder builder = CdcConfig.builder();
    builder.connection(ConnectionSettings.fromEnvironment(env, "POSTGRES_INPUT"));
    builder.slot(get(env, "REPLICATION_SLOT", "pgpipe"));
    builder.publication(get(env, "PUBLICATION", "pgpipe"));
    builder.tables(list(get(env, "TABLES", "")));
    builder.tuning().batchSize(number(env, "BATCH_SIZE", 100));
    builder.tuning().maxEventsPerPart(number(env, "PART_SIZE", Tuning.DEFAULT_PART_SIZE));
    builder
        .tuning()
        .batchTimeout(Durations.parse(get(env, "BATCH_TIMEOUT", "5s"), PREFIX + "BATCH_TIMEOUT"));
    return builder;
  }

  private static int number(Map<String, String> env, String name, int fallback) {
    String text = get(env, name, Integer.toString(fallback));
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + name + " is not a number: " + text, e);
    }
  }

  private static String get(Map<String, String> env, String name, String fallback) {
    String value = env.get(PREFIX + name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** Comma list; blanks dropped. */
  static List<String> list(String text) {
    return Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }
}
