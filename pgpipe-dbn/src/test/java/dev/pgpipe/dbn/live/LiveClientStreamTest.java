package dev.pgpipe.dbn.live;

import static dev.pgpipe.dbn.live.LiveFixtures.SESSION_START;
import static dev.pgpipe.dbn.live.LiveFixtures.error;
import static dev.pgpipe.dbn.live.LiveFixtures.heartbeat;
import static dev.pgpipe.dbn.live.LiveFixtures.mbo;
import static dev.pgpipe.dbn.live.LiveFixtures.system;
import static dev.pgpipe.dbn.live.LiveFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.DbnException;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.WithTsOut;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The DBN stream after start_session: records, events, compression, heartbeats, bad data. */
class LiveClientStreamTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Subscription TRADES = Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT");

  private final MockGateway gateway = MockGateway.start();
  private final Feed feed = new Feed(SESSION_START);

  @AfterEach
  void closeGateway() {
    gateway.close();
  }

  private LiveClient start(LiveClientBuilder builder) {
    gateway.serve(feed);
    LiveClient client = builder.build();
    client.subscribe(TRADES);
    client.start();
    return client;
  }

  @ParameterizedTest
  @EnumSource(Compression.class)
  void deliversRecordsAndTypedEventsInOrderPlainOrZstd(Compression compression) throws Exception {
    try (LiveClient client = start(LiveFixtures.client(gateway).compression(compression))) {
      feed.send(
          system(1, "Subscription request 1 for trades data succeeded"),
          trade(SESSION_START + 1),
          mbo(SESSION_START + 2, 77),
          error(4, "Failed to resolve symbol: XYZ"),
          system(2, "slow reader"),
          system(3, "Finished trades replay"),
          system(4, "End of interval for ohlcv-1m"));
      feed.end();

      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isInstanceOf(LiveEvent.SubscriptionAck.class);
      assertThat(client.next()).isEqualTo(new LiveEvent.Data(trade(SESSION_START + 1)));
      assertThat(client.next()).isEqualTo(new LiveEvent.Data(mbo(SESSION_START + 2, 77)));
      assertThat(client.next())
          .isEqualTo(new LiveEvent.GatewayError(4, "Failed to resolve symbol: XYZ"));
      assertThat(client.next()).isEqualTo(new LiveEvent.SlowReaderWarning("slow reader"));
      assertThat(client.next()).isInstanceOf(LiveEvent.ReplayCompleted.class);
      assertThat(client.next()).isInstanceOf(LiveEvent.EndOfInterval.class);
      assertThat(client.next()).isNull();
      assertThat(client.next()).isNull();
      assertThat(client.recordsReceived()).isEqualTo(7);
      assertThat(client.bytesReceived()).isPositive();
    }
    gateway.awaitScripts(WAIT);
    assertThat(feed.auth()).containsEntry("compression", compression.name().toLowerCase());
  }

  @Test
  void tsOutStampsEveryRecordWithTheGatewaySendTime() throws Exception {
    try (LiveClient client = start(LiveFixtures.client(gateway).tsOut(true))) {
      feed.send(trade(SESSION_START + 5), system(1, "ok"));
      feed.end();

      LiveEvent.SessionStarted started =
          (LiveEvent.SessionStarted) Objects.requireNonNull(client.next());
      assertThat(started.metadata().tsOut()).isTrue();
      assertThat(client.next())
          .isEqualTo(
              new LiveEvent.Data(new WithTsOut(trade(SESSION_START + 5), SESSION_START + 6)));
      assertThat(client.next()).isEqualTo(new LiveEvent.SubscriptionAck("ok"));
      assertThat(client.next()).isNull();
    }
    gateway.awaitScripts(WAIT);
    assertThat(feed.auth()).containsEntry("ts_out", "1");
  }

  @Test
  void heartbeatsKeepAQuietConnectionAliveLongPastTheTimeout() throws Exception {
    MutableClock clock = new MutableClock();
    LiveClient client =
        start(LiveFixtures.client(gateway).clock(clock).heartbeatInterval(Duration.ofSeconds(10)));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);
    for (int i = 1; i <= 5; i++) { // 50 s in all, never more than 10 s silent
      clock.advance(Duration.ofSeconds(10));
      feed.send(heartbeat(SESSION_START + i));
      assertThat(app.take(LiveEvent.Heartbeat.class).tsEvent()).isEqualTo(SESSION_START + i);
    }
    feed.end();
    app.awaitEnd();
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void silenceLongerThanHeartbeatIntervalPlus5sIsADeadConnection() throws Exception {
    MutableClock clock = new MutableClock();
    LiveClient client =
        start(LiveFixtures.client(gateway).clock(clock).heartbeatInterval(Duration.ofSeconds(10)));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);
    feed.awaitClientClose();

    Await.until(
        "the client to declare the connection dead",
        WAIT,
        () -> {
          clock.advance(Duration.ofSeconds(1));
          return app.isDone();
        });

    LiveException e = app.awaitFailure(WAIT);
    assertThat(e.code()).isEqualTo(LiveException.Code.HEARTBEAT_TIMEOUT);
    assertThat(e).hasMessageContaining("15 s");
    gateway.awaitScripts(WAIT); // the client closed its socket
  }

  @Test
  void garbageAfterTheMetadataFailsWithTheDecodersOffsetInsteadOfHanging() throws Exception {
    LiveClient client = start(LiveFixtures.client(gateway));
    feed.send(trade(SESSION_START + 1));
    feed.sendRaw("\u0001garbage that is not DBN".getBytes(StandardCharsets.US_ASCII));
    feed.awaitClientClose();

    assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
    assertThat(client.next()).isInstanceOf(LiveEvent.Data.class);
    LiveException e = catchThrowableOfType(LiveException.class, client::next);

    assertThat(e.code()).isEqualTo(LiveException.Code.DECODE);
    assertThat(e.getCause()).isInstanceOf(DbnException.class);
    assertThat(((DbnException) Objects.requireNonNull(e.getCause())).code())
        .isEqualTo(DbnException.Code.BAD_RECORD_LENGTH);
    assertThat(client.next()).isNull();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void garbageInsteadOfTheMetadataFailsStart() {
    gateway.serve(
        s -> {
          s.handshake(LiveFixtures.KEY);
          s.readSubscriptions();
          s.sendBytes("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          s.awaitClientClose(WAIT);
        });
    LiveClient client = LiveFixtures.client(gateway).build();
    client.subscribe(TRADES);

    LiveException e = catchThrowableOfType(LiveException.class, client::start);

    assertThat(e.code()).isEqualTo(LiveException.Code.DECODE);
    assertThat(e).hasMessageContaining("not valid DBN");
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void closeFromAnotherThreadEndsABlockedNext() throws Exception {
    LiveClient client = start(LiveFixtures.client(gateway));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);
    feed.awaitClientClose();

    client.close();

    app.awaitEnd();
    gateway.awaitScripts(WAIT);
  }
}
