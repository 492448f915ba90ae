package dev.pgpipe.cli;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.nats.NatsSettings;
import dev.pgpipe.nats.PublisherConfig;
import dev.pgpipe.nats.TransactionPublisher;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/** Test wiring for the NATS commands: publishes a source's changes, compares tables. */
final class NatsPublishing {

  static final String SOURCE = "src";

  private NatsPublishing() {}

  /**
   * Opens slot {@code slot} on {@code db}, runs {@code changes}, and publishes what they commit to
   * JetStream until {@code transactions} were stored.
   */
  static void publish(
      TestDatabase db, String natsUrl, String slot, Runnable changes, int transactions) {
    CdcConfig cdc =
        CdcConfig.builder()
            .url(db.url())
            .slot(slot)
            .publication(slot)
            .snapshot(SnapshotMode.NEVER)
            .build();
    PublisherConfig config =
        PublisherConfig.builder().nats(NatsSettings.of(natsUrl)).source(SOURCE).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (TransactionPublisher publisher = TransactionPublisher.connect(config);
        ChangeStream stream = ChangeStream.open(cdc)) {
      changes.run();
      while (publisher.stats().transactions() < transactions) {
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError("published only " + publisher.stats() + " in 60 s");
        }
        Transaction tx = stream.poll(Duration.ofMillis(200));
        if (tx != null) {
          publisher.publish(tx);
          stream.acknowledge(tx);
        }
      }
    }
  }

  /**
   * Waits until nats-server records that consumer {@code durable} of {@code stream} acknowledged
   * every message up to {@code sequence} (none awaiting acknowledgement): stopped now, the server
   * does not deliver them again.
   */
  static void awaitAcknowledged(String natsUrl, String stream, String durable, long sequence) {
    try (io.nats.client.Connection c = io.nats.client.Nats.connect(natsUrl)) {
      io.nats.client.JetStreamManagement jsm = c.jetStreamManagement();
      Await.until(
          durable + " acknowledged through " + sequence,
          Duration.ofSeconds(30),
          () -> {
            try {
              io.nats.client.api.ConsumerInfo info = jsm.getConsumerInfo(stream, durable);
              return info.getAckFloor().getStreamSequence() >= sequence
                  && info.getNumAckPending() == 0;
            } catch (IOException | io.nats.client.JetStreamApiException e) {
              throw new IllegalStateException("consumer info of " + durable, e);
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + natsUrl, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Row count and an order-independent checksum of every column of {@code table}. */
  static String checksum(TestDatabase db, String table) {
    String sql =
        "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM " + table + " t";
    try (java.sql.Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
