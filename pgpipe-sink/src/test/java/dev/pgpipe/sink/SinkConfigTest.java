package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.ConnectionSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

  @Test
  void environmentVariablesConfigureTheTargetAndPgVariablesFillIn() {
    SinkConfig config =
        SinkConfig.fromEnvironment(
                Map.of(
                    "POSTGRES_OUTPUT_HOST", "replica.example",
                    "POSTGRES_OUTPUT_USER", "sink",
                    "POSTGRES_OUTPUT_PASSWORD", "s3cret",
                    "PGDATABASE", "shop",
                    "PGSSLMODE", "require",
                    "POSTGRES_INPUT_HOST", "source.example",
                    "POSTGRES_OUTPUT_BATCH_SIZE", "250",
                    "POSTGRES_OUTPUT_BATCH_BYTES", "512kB",
                    "POSTGRES_OUTPUT_FLUSH_INTERVAL", "500ms",
                    "POSTGRES_OUTPUT_TABLES", "orders, app.items"))
            .build();

    assertThat(config.connection())
        .isEqualTo(
            new ConnectionSettings(
                "replica.example", 5432, "shop", "sink", "s3cret", Map.of("sslmode", "require")));
    assertThat(config.batchSize()).isEqualTo(250);
    assertThat(config.batchBytes()).isEqualTo(512 * 1024);
    assertThat(config.flushInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.tables()).containsExactly("orders", "app.items");
    assertThat(config.toString()).doesNotContain("s3cret");
  }

  @Test
  void defaultsFitCatchingUpAndBadSizesAreNamed() {
    SinkConfig config = SinkConfig.fromEnvironment(Map.of()).build();
    assertThat(config.batchSize()).isEqualTo(10_000);
    assertThat(config.batchBytes()).isEqualTo(64L << 20);

    assertThatThrownBy(
            () -> SinkConfig.fromEnvironment(Map.of("POSTGRES_OUTPUT_BATCH_BYTES", "64 mega")))
        .hasMessageContaining("POSTGRES_OUTPUT_BATCH_BYTES is not a size: 64 mega");
    assertThatThrownBy(() -> SinkConfig.builder().batchSize(SinkConfig.MAX_BATCH_SIZE + 1).build())
        .hasMessageContaining("batch size must be 1..100000 events");
    assertThat(SinkConfig.builder().batchSize(SinkConfig.MAX_BATCH_SIZE).build().batchSize())
        .isEqualTo(SinkConfig.MAX_BATCH_SIZE);
  }

  @Test
  void replicateCommitsWithoutWaitingForTheFlushUnlessToldTo() {
    assertThat(SinkConfig.fromEnvironment(Map.of()).build().synchronousCommit()).isFalse();
    assertThat(
            SinkConfig.fromEnvironment(Map.of("POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT", "on"))
                .build()
                .synchronousCommit())
        .isTrue();
    assertThatThrownBy(
            () -> SinkConfig.fromEnvironment(Map.of("POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT", "local")))
        .hasMessageContaining("POSTGRES_OUTPUT_SYNCHRONOUS_COMMIT is not true or false: local");
  }

  @Test
  void badPortIsNamedInTheError() {
    assertThatThrownBy(() -> SinkConfig.fromEnvironment(Map.of("POSTGRES_OUTPUT_PORT", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("POSTGRES_OUTPUT_PORT");
  }
}
