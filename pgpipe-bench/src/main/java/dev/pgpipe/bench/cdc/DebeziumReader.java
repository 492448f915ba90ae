package dev.pgpipe.bench.cdc;

import dev.pgpipe.client.ConnectionSettings;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.format.Json;
import java.io.IOException;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Debezium's embedded engine with its PostgreSQL connector on pgoutput, producing JSON change
 * events (schemas off) into a handler that counts creates and reads the commit time ({@code
 * source.ts_us}) for the lag. In-memory offsets, no snapshot, the benchmark's own publication.
 * {@code pollIntervalMs} null keeps Debezium's default ({@code poll.interval.ms} = 500).
 */
final class DebeziumReader implements Reader {

  private final DebeziumEngine<ChangeEvent<String, String>> engine;
  private final ExecutorService executor;

  private DebeziumReader(DebeziumEngine<ChangeEvent<String, String>> engine) {
    this.engine = engine;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("bench-debezium").unstarted(r));
    executor.execute(engine);
  }

  static DebeziumReader start(
      ConnectionSettings settings,
      String slot,
      @Nullable Integer pollIntervalMs,
      Progress progress) {
    QuietLogs.forDebezium();
    Properties props = properties(settings, slot);
    if (pollIntervalMs != null) {
      props.setProperty("poll.interval.ms", pollIntervalMs.toString());
    }
    DebeziumEngine<ChangeEvent<String, String>> engine =
        DebeziumEngine.create(Json.class)
            .using(props)
            .notifying(event -> handle(event, progress))
            .using(
                (success, message, error) -> {
                  if (!success) {
                    progress.fail("debezium: " + message);
                  }
                })
            .build();
    return new DebeziumReader(engine);
  }

  static Properties properties(ConnectionSettings settings, String slot) {
    Properties props = new Properties();
    props.setProperty("name", "pgpipe-bench-" + slot);
    props.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
    props.setProperty(
        "offset.storage", "org.apache.kafka.connect.storage.MemoryOffsetBackingStore");
    props.setProperty("offset.flush.interval.ms", "1000");
    props.setProperty("database.hostname", settings.host());
    props.setProperty("database.port", String.valueOf(settings.port()));
    props.setProperty("database.user", settings.user());
    props.setProperty("database.password", settings.password());
    props.setProperty("database.dbname", settings.database());
    props.setProperty("topic.prefix", "pgpipe_bench");
    props.setProperty("plugin.name", "pgoutput");
    props.setProperty("slot.name", slot);
    props.setProperty("publication.name", Workload.PUBLICATION);
    props.setProperty("publication.autocreate.mode", "disabled");
    props.setProperty("snapshot.mode", "no_data");
    props.setProperty("table.include.list", "public." + Workload.TABLE);
    props.setProperty("key.converter.schemas.enable", "false");
    props.setProperty("value.converter.schemas.enable", "false");
    return props;
  }

  private static void handle(ChangeEvent<String, String> event, Progress progress) {
    String value = event.value();
    if (value != null && value.contains("\"op\":\"c\"")) {
      progress.delivered(1, commitMicros(value));
    }
  }

  /** {@code source.ts_us} of a JSON change event, or -1. */
  static long commitMicros(String value) {
    int source = value.indexOf("\"source\":{");
    int field = source < 0 ? -1 : value.indexOf("\"ts_us\":", source);
    if (field < 0) {
      return -1;
    }
    long micros = 0;
    for (int i = field + 8; i < value.length() && Character.isDigit(value.charAt(i)); i++) {
      micros = micros * 10 + (value.charAt(i) - '0');
    }
    return micros;
  }

  @Override
  public void close() {
    try {
      engine.close();
      executor.shutdown();
      if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("Debezium's engine did not stop within 60 s");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot stop Debezium's engine: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
