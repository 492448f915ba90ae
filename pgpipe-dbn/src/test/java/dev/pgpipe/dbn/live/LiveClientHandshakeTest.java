package dev.pgpipe.dbn.live;

import static dev.pgpipe.dbn.live.LiveFixtures.KEY;
import static dev.pgpipe.dbn.live.LiveFixtures.SESSION_START;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.gateway.Cram;
import dev.pgpipe.testkit.gateway.GatewaySession;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connecting, authenticating and subscribing, against the scripted gateway on loopback. */
class LiveClientHandshakeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Subscription TRADES = Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT");

  private final MockGateway gateway = MockGateway.start();

  @AfterEach
  void closeGateway() {
    gateway.close();
  }

  /** Accepts whatever the client sends, then streams metadata and ends the session. */
  private static void acceptAndEnd(GatewaySession session, boolean checkKey) {
    Map<String, String> auth = session.readAuth();
    if (checkKey) {
      assertThat(auth.get("auth")).isEqualTo(Cram.response(GatewaySession.CHALLENGE, KEY));
    }
    session.accept().readSubscriptions();
    session.startStream().stream(LiveFixtures.metadata(SESSION_START, false));
    session.end();
  }

  @Test
  void authenticatesWhenGreetingAndChallengeArriveOneByteAtATime() throws Exception {
    gateway.serve(
        s -> {
          s.sendByteByByte("lsg_version=0.1.0-mock\ncram=" + GatewaySession.CHALLENGE + "\n");
          acceptAndEnd(s, true);
        });
    try (LiveClient client = LiveFixtures.client(gateway).build()) {
      client.subscribe(TRADES);
      client.start();
      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isNull();
    }
    gateway.awaitScripts(WAIT);
  }

  @Test
  void authenticatesWhenGreetingAndChallengeArriveInOneRead() throws Exception {
    gateway.serve(
        s -> {
          s.sendBytes(
              ("lsg_version=0.1.0-mock\ncram=" + GatewaySession.CHALLENGE + "\n")
                  .getBytes(StandardCharsets.UTF_8));
          acceptAndEnd(s, true);
        });
    try (LiveClient client = LiveFixtures.client(gateway).build()) {
      client.subscribe(TRADES);
      client.start();
      LiveEvent.SessionStarted started =
          (LiveEvent.SessionStarted) Objects.requireNonNull(client.next());
      assertThat(started.sessionId()).isEqualTo("mock-0");
      assertThat(started.metadata().start()).isEqualTo(SESSION_START);
      assertThat(client.sessionId()).contains("mock-0");
    }
    gateway.awaitScripts(WAIT);
  }

  @Test
  void authLineCarriesDatasetEncodingTsOutCompressionClientAndHeartbeat() throws Exception {
    Feed feed = new Feed(SESSION_START);
    gateway.serve(feed);
    try (LiveClient client =
        LiveFixtures.client(gateway)
            .clientName("test-client/1")
            .heartbeatInterval(Duration.ofSeconds(10))
            .slowReaderBehavior(SlowReaderBehavior.WARN)
            .build()) {
      client.subscribe(TRADES);
      client.start();
      feed.end();
      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isNull();
    }
    gateway.awaitScripts(WAIT);
    assertThat(feed.auth())
        .containsEntry("dataset", "GLBX.MDP3")
        .containsEntry("encoding", "dbn")
        .containsEntry("ts_out", "0")
        .containsEntry("compression", "none")
        .containsEntry("client", "test-client/1")
        .containsEntry("heartbeat_interval_s", "10")
        .containsEntry("slow_reader_behavior", "warn");
  }

  @Test
  void rejectedAuthenticationIsAClearErrorThatNeverShowsTheKey() {
    gateway.serve(
        s -> {
          s.greet().challenge("abc").readAuth();
          s.reject("Unknown API key");
          s.awaitClientClose(WAIT);
        });
    LiveClient client = LiveFixtures.client(gateway).build();
    client.subscribe(TRADES);

    LiveException e = catchThrowableOfType(LiveException.class, client::start);

    assertThat(e.code()).isEqualTo(LiveException.Code.AUTH_FAILED);
    assertThat(e.code().retryable()).isFalse();
    assertThat(e).hasMessageContaining("Unknown API key").hasMessageContaining("iller");
    assertThat(e.getMessage()).doesNotContain(KEY).doesNotContain("lots-of-filler");
    assertThat(client.toString()).doesNotContain("lots-of-filler");
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void aWrongKeyFailsTheGatewaysIndependentCramCheck() {
    gateway.serve(s -> s.handshake(KEY));
    LiveClient client =
        LiveFixtures.client(gateway).apiKey("db-abcdefghijklmnopqrstuvwxyz123").build();
    client.subscribe(TRADES);

    LiveException e = catchThrowableOfType(LiveException.class, client::start);

    assertThat(e.code()).isEqualTo(LiveException.Code.AUTH_FAILED);
    assertThat(e).hasMessageContaining("Authentication failed").hasMessageContaining("z123");
    assertThatThrownBy(() -> gateway.awaitScripts(WAIT))
        .hasMessageContaining("wrong CRAM response");
  }

  @Test
  void aSubscriptionAfterStartIsSentAtOnceWithTheNextId() throws Exception {
    CompletableFuture<Map<String, String>> late = new CompletableFuture<>();
    gateway.serve(
        s -> {
          s.handshake(KEY);
          s.readSubscriptions();
          s.startStream().stream(LiveFixtures.metadata(SESSION_START, false));
          late.complete(ControlLine.fields(s.readLine()));
          s.end();
        });
    try (LiveClient client = LiveFixtures.client(gateway).build()) {
      client.subscribe(TRADES);
      client.start();
      client.subscribe(Subscription.of(Schema.OHLCV_1M, SType.PARENT, "NQ.FUT"));
      assertThatThrownBy(() -> client.subscribe(TRADES.withStart(Instant.EPOCH)))
          .hasMessageContaining("before start()");
      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isNull();
    }
    gateway.awaitScripts(WAIT);
    assertThat(late.get())
        .containsEntry("schema", "ohlcv-1m")
        .containsEntry("id", "2")
        .doesNotContainKey("start");
  }

  @Test
  void sendsSeveralSchemasAndChunksLongSymbolListsBeforeStartSession() throws Exception {
    Feed feed = new Feed(SESSION_START);
    gateway.serve(feed);
    List<String> symbols = IntStream.range(0, 1001).mapToObj(i -> "I" + i).toList();
    try (LiveClient client = LiveFixtures.client(gateway).build()) {
      client.subscribe(TRADES.withStart(Instant.ofEpochSecond(1_700_000_000)));
      client.subscribe(Subscription.of(Schema.MBO, SType.RAW_SYMBOL, symbols).withSnapshot());
      client.start();
      feed.end();
      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isNull();
    }
    gateway.awaitScripts(WAIT);

    List<Map<String, String>> lines = feed.subscriptions();
    assertThat(lines)
        .extracting(l -> l.get("schema"))
        .containsExactly("trades", "mbo", "mbo", "mbo");
    assertThat(lines.get(0)).containsEntry("start", "1700000000000000000").containsEntry("id", "1");
    assertThat(lines.subList(1, 4))
        .extracting(l -> Arrays.asList(String.valueOf(l.get("symbols")).split(",")).size())
        .containsExactly(500, 500, 1);
    assertThat(lines.subList(1, 4))
        .extracting(l -> l.get("is_last"))
        .containsExactly("0", "0", "1");
    assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l).containsEntry("snapshot", "1"));
  }

  @Test
  void garbageInsteadOfTheProtocolFailsFastWithAProtocolError() {
    byte[] noise = new byte[LineReader.MAX_LINE + 100];
    Arrays.fill(noise, (byte) 0xAB);
    gateway.serve(s -> s.sendBytes(noise).awaitClientClose(WAIT));
    LiveClient client = LiveFixtures.client(gateway).build();
    client.subscribe(TRADES);

    LiveException e = catchThrowableOfType(LiveException.class, client::start);

    assertThat(e.code()).isEqualTo(LiveException.Code.PROTOCOL);
    assertThat(e)
        .hasMessageContaining("without a line end")
        .hasMessageContaining(gateway.address());
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void aGatewaySilentAfterItsGreetingTimesOutOnTheInjectedClock() {
    gateway.serve(s -> s.greet().awaitClientClose(WAIT));
    MutableClock clock = new MutableClock();
    LiveClient client = LiveFixtures.client(gateway).clock(clock).build();
    client.subscribe(TRADES);

    CompletableFuture<Void> start =
        CompletableFuture.runAsync(client::start, r -> Thread.ofVirtual().start(r));
    Await.until(
        "start() to give up",
        WAIT,
        () -> {
          clock.advance(Duration.ofSeconds(1));
          return start.isDone();
        });

    assertThat(start).isCompletedExceptionally();
    assertThatThrownBy(start::join)
        .cause()
        .isInstanceOf(LiveException.class)
        .hasMessageContaining("30 s")
        .satisfies(
            t -> assertThat(((LiveException) t).code()).isEqualTo(LiveException.Code.AUTH_TIMEOUT));
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void aClosedPortIsAConnectFailureNamingTheAddress() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    LiveClient client =
        LiveClient.builder().apiKey(KEY).dataset("GLBX.MDP3").gateway("127.0.0.1:" + port).build();
    client.subscribe(TRADES);

    LiveException e = catchThrowableOfType(LiveException.class, client::start);

    assertThat(e.code()).isEqualTo(LiveException.Code.CONNECT_FAILED);
    assertThat(e).hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("10 s");
  }

  @Test
  void misuseFailsFast() {
    LiveClient client = LiveFixtures.client(gateway).build();
    assertThatThrownBy(client::start).hasMessageContaining("subscribe");
    assertThatThrownBy(client::next).hasMessageContaining("start()");
    assertThatThrownBy(() -> LiveClient.builder().apiKey(KEY).build())
        .hasMessageContaining("dataset");
  }
}
