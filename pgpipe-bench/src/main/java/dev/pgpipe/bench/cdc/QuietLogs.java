package dev.pgpipe.bench.cdc;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Keeps Debezium and Kafka Connect from filling standard error during the benchmark: their warnings
 * at start (type registry) and the interrupted keep-alive they log as an error on every clean stop.
 * Real failures still arrive through the engine's completion callback. No-op without Logback.
 */
final class QuietLogs {

  private QuietLogs() {}

  static void forDebezium() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger("io.debezium").setLevel(Level.ERROR);
      context.getLogger("org.apache.kafka").setLevel(Level.ERROR);
      context
          .getLogger("io.debezium.connector.postgresql.connection.PostgresReplicationConnection")
          .setLevel(Level.OFF);
    }
  }
}
