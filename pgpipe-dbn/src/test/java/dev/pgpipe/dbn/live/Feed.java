package dev.pgpipe.dbn.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.testkit.gateway.GatewayScript;
import dev.pgpipe.testkit.gateway.GatewaySession;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A gateway script the test drives step by step: it authenticates the test key, reads the
 * subscriptions, starts the stream with live metadata, then plays the commands the test queues
 * (records, raw bytes, end, drop) until an end or a drop.
 */
final class Feed implements GatewayScript {
  private enum Stop {
    END,
    DROP,
    AWAIT_CLIENT_CLOSE
  }

  private final long sessionStart;
  private final BlockingQueue<Object> commands = new LinkedBlockingQueue<>();
  private final CountDownLatch streaming = new CountDownLatch(1);
  private volatile Map<String, String> auth = Map.of();
  private volatile List<Map<String, String>> subscriptions = List.of();

  Feed(long sessionStart) {
    this.sessionStart = sessionStart;
  }

  @Override
  public void run(GatewaySession session) throws Exception {
    auth = session.handshake(LiveFixtures.KEY);
    subscriptions = session.readSubscriptions();
    boolean tsOut = "1".equals(auth.get("ts_out"));
    session.startStream().stream(LiveFixtures.metadata(sessionStart, tsOut));
    streaming.countDown();
    while (true) {
      Object command = commands.poll(20, TimeUnit.SECONDS);
      assertThat(command).as("a command for the gateway within 20 s").isNotNull();
      switch (command) {
        case Stop.END -> {
          session.end();
          return;
        }
        case Stop.DROP -> {
          session.drop();
          return;
        }
        case Stop.AWAIT_CLIENT_CLOSE -> {
          assertThat(session.awaitClientClose(java.time.Duration.ofSeconds(10))).isTrue();
          return;
        }
        case byte[] raw -> session.sendBytes(raw);
        case List<?> records -> session.stream(encode(records, tsOut));
        default -> throw new AssertionError("unknown command " + command);
      }
    }
  }

  private static byte[] encode(List<?> records, boolean tsOut) {
    return LiveFixtures.records(tsOut, records.stream().map(DbnRecord.class::cast).toList());
  }

  /** Streams records (stamped with ts_out when the client asked for it). */
  Feed send(DbnRecord... records) {
    commands.add(Arrays.asList(records));
    return this;
  }

  /** Writes raw bytes to the socket, bypassing compression. */
  Feed sendRaw(byte[] bytes) {
    commands.add(bytes);
    return this;
  }

  /** Ends the session gracefully. */
  void end() {
    commands.add(Stop.END);
  }

  /** Resets the connection. */
  void drop() {
    commands.add(Stop.DROP);
  }

  /** Keeps the connection open and silent until the client closes it. */
  void awaitClientClose() {
    commands.add(Stop.AWAIT_CLIENT_CLOSE);
  }

  /** The authentication line's fields, once read. */
  Map<String, String> auth() {
    return auth;
  }

  /** The subscription lines' fields, once read. */
  List<Map<String, String>> subscriptions() {
    return subscriptions;
  }

  boolean awaitStreaming() throws InterruptedException {
    return streaming.await(10, TimeUnit.SECONDS);
  }
}
