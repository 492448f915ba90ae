package dev.pgpipe.nats;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.Nats;
import java.io.File;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Test wiring: source and target databases, publisher, consumer and sink settings, child JVMs. */
final class Pipes {

  static final String SOURCE = "src";

  /** Stream and consumer setup on the real clock, as the tests' servers answer at once. */
  static final Unanswered UNANSWERED = new Unanswered(Ticker.SYSTEM, Sleeper.SYSTEM);

  private static final AtomicInteger COUNTER = new AtomicInteger();

  private Pipes() {}

  static TestDatabase target(String prefix) {
    return TestServer.get()
        .createDatabase(
            prefix + "_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet());
  }

  static CdcConfig.Builder source(TestDatabase db, String slot, SnapshotMode snapshot) {
    CdcConfig.Builder builder =
        CdcConfig.builder().url(db.url()).slot(slot).publication(slot).snapshot(snapshot);
    builder
        .tuning()
        .statusInterval(Duration.ofMillis(200))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    return builder;
  }

  static PublisherConfig.Builder publisher(String natsUrl) {
    return PublisherConfig.builder()
        .nats(fastReconnect(natsUrl))
        .source(SOURCE)
        .retry(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(500)));
  }

  static ConsumerConfig.Builder consumer(String natsUrl, String durable) {
    return ConsumerConfig.builder()
        .nats(fastReconnect(natsUrl))
        .source(SOURCE)
        .durable(durable)
        .fetchWait(Duration.ofMillis(200))
        .ackWait(Duration.ofSeconds(10))
        .retry(Backoff.exponential(Duration.ofMillis(20), Duration.ofMillis(200)));
  }

  static NatsSettings fastReconnect(String natsUrl) {
    return NatsSettings.builder()
        .servers(natsUrl)
        .reconnectWait(Duration.ofMillis(20), Duration.ofMillis(250))
        .build();
  }

  static SinkConfig sink(TestDatabase target, String sourceId, List<String> tables) {
    return SinkConfig.builder()
        .url(target.url())
        .sourceId(sourceId)
        .tables(tables)
        .batchSize(1000)
        .flushInterval(Duration.ofMillis(100))
        .build();
  }

  /** Row count and an order-independent checksum of every column of {@code table}. */
  static String checksum(TestDatabase db, String table) {
    return text(
        db,
        "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM " + table + " t");
  }

  static boolean slotExists(TestDatabase db, String slot) {
    return text(db, "SELECT count(*) FROM pg_replication_slots WHERE slot_name = '" + slot + "'")
        .equals("1");
  }

  static long count(TestDatabase db, String table) {
    return Long.parseLong(text(db, "SELECT count(*) FROM " + table));
  }

  static String text(TestDatabase db, String sql) {
    try (java.sql.Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** Messages stored in a stream, or -1 when the server cannot say (down, restarting). */
  static long messages(String natsUrl, String stream) {
    try (Connection c = Nats.connect(natsUrl)) {
      return c.jetStreamManagement().getStreamInfo(stream).getStreamState().getMsgCount();
    } catch (IOException | JetStreamApiException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /**
   * A publisher of the slot {@code slot} of {@code source} (no snapshot unless asked), on its own
   * thread.
   */
  static Background publishing(
      TestDatabase source, String slot, SnapshotMode snapshot, String natsUrl) {
    return Background.start(
        "publisher",
        stop ->
            TransactionPublisher.run(
                source(source, slot, snapshot).build(), publisher(natsUrl).build(), stop::get));
  }

  /** A consumer feeding {@code handler}, on its own thread. */
  static Background consuming(ConsumerConfig config, TransactionHandler handler) {
    return Background.start(
        "consumer", stop -> TransactionConsumer.run(config, handler, stop::get));
  }

  /** Starts {@code main} of a test class in a child JVM with the test class path. */
  static Process child(Class<?> main, File log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path")));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log))
        .start();
  }

  static NatsServer nats() {
    return NatsServer.start();
  }
}
