package dev.pgpipe.dbn.live;

import static dev.pgpipe.dbn.live.LiveFixtures.SESSION_START;
import static dev.pgpipe.dbn.live.LiveFixtures.trade;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.Dbn;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Dropped connections: reconnect with backoff, resubscribe, report the gap; or give up. */
class LiveClientReconnectTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final long SECOND_START = SESSION_START + 60_000_000_000L;

  private final MockGateway gateway = MockGateway.start();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @AfterEach
  void closeGateway() {
    gateway.close();
  }

  private LiveClientBuilder reconnecting(int maxAttempts) {
    return LiveFixtures.client(gateway)
        .reconnectPolicy(
            ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(250), maxAttempts))
        .sleeper(sleeps::add);
  }

  private static LiveClient started(LiveClientBuilder builder) {
    LiveClient client = builder.build();
    client.subscribe(
        Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT")
            .withStart(Instant.ofEpochSecond(1_700_000_000)));
    client.subscribe(Subscription.of(Schema.MBO, SType.RAW_SYMBOL, "ESH6").withSnapshot());
    client.start();
    return client;
  }

  @Test
  void aResetMidStreamReconnectsResubscribesWithoutStartAndReportsTheGap() throws Exception {
    Feed first = new Feed(SESSION_START);
    Feed second = new Feed(SECOND_START);
    gateway.serve(first, second);
    try (LiveClient client = started(reconnecting(5))) {
      Collector app = new Collector(client);
      app.take(LiveEvent.SessionStarted.class);
      first.send(trade(SESSION_START + 1), trade(SESSION_START + 2));
      app.take(LiveEvent.Data.class);
      app.take(LiveEvent.Data.class);

      first.drop();

      LiveEvent.Gap gap = app.take(LiveEvent.Gap.class);
      assertThat(gap.lastTsEvent()).isEqualTo(SESSION_START + 2);
      assertThat(gap.resumedAt()).isEqualTo(SECOND_START);
      assertThat(gap.attempts()).isEqualTo(1);
      assertThat(gap.cause().code()).isEqualTo(LiveException.Code.CONNECTION_LOST);
      assertThat(app.take(LiveEvent.SessionStarted.class).sessionId()).isEqualTo("mock-1");
      second.send(trade(SECOND_START + 1));
      assertThat(app.take(LiveEvent.Data.class).record()).isEqualTo(trade(SECOND_START + 1));
      second.end();
      app.awaitEnd();
      assertThat(client.reconnects()).isEqualTo(1);
    }
    gateway.awaitScripts(WAIT);
    assertThat(sleeps).containsExactly(Duration.ofMillis(100));
    assertThat(first.subscriptions().get(0)).containsKey("start");
    List<Map<String, String>> again = second.subscriptions();
    assertThat(again).extracting(l -> l.get("schema")).containsExactly("trades", "mbo");
    assertThat(again).allSatisfy(l -> assertThat(l).doesNotContainKey("start"));
    assertThat(again).extracting(l -> l.get("snapshot")).containsExactly("0", "1");
  }

  @Test
  void aHeartbeatTimeoutIsADropThatReconnects() throws Exception {
    Feed first = new Feed(SESSION_START);
    Feed second = new Feed(SECOND_START);
    gateway.serve(first, second);
    MutableClock clock = new MutableClock();
    try (LiveClient client =
        started(reconnecting(5).clock(clock).heartbeatInterval(Duration.ofSeconds(10)))) {
      Collector app = new Collector(client);
      app.take(LiveEvent.SessionStarted.class);
      first.awaitClientClose();

      Await.until(
          "a reconnection after the silence",
          WAIT,
          () -> {
            clock.advance(Duration.ofSeconds(1));
            return app.queued() > 0;
          });

      LiveEvent.Gap gap = app.take(LiveEvent.Gap.class);
      assertThat(gap.cause().code()).isEqualTo(LiveException.Code.HEARTBEAT_TIMEOUT);
      assertThat(gap.lastTsEvent()).isEqualTo(Dbn.UNDEF_TIMESTAMP);
      app.take(LiveEvent.SessionStarted.class);
      second.end();
      app.awaitEnd();
    }
    gateway.awaitScripts(WAIT);
  }

  @Test
  void aGracefulEndOfSessionIsNotReconnected() throws Exception {
    Feed only = new Feed(SESSION_START);
    gateway.serve(only);
    try (LiveClient client = started(reconnecting(5))) {
      only.send(trade(SESSION_START + 1));
      only.end();
      assertThat(client.next()).isInstanceOf(LiveEvent.SessionStarted.class);
      assertThat(client.next()).isInstanceOf(LiveEvent.Data.class);
      assertThat(client.next()).isNull();
      assertThat(client.reconnects()).isZero();
    }
    gateway.awaitScripts(WAIT);
    assertThat(sleeps).isEmpty();
    assertThat(gateway.connections()).isEqualTo(1);
  }

  @Test
  void givesUpAfterMaxAttemptsWithCappedExponentialBackoff() throws Exception {
    Feed only = new Feed(SESSION_START); // later connections are closed at once by the gateway
    gateway.serve(only);
    LiveClient client = started(reconnecting(3));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);

    only.drop();

    LiveException e = app.awaitFailure(WAIT);
    assertThat(e.code()).isEqualTo(LiveException.Code.CONNECTION_LOST);
    assertThat(e).hasMessageContaining("gave up reconnecting after 3 attempts");
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    assertThat(gateway.connections()).isEqualTo(4);
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void givesUpOnceTheReconnectDeadlinePassedOnTheTicker() throws Exception {
    Feed only = new Feed(SESSION_START); // later connections are closed at once by the gateway
    gateway.serve(only);
    java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
    LiveClient client =
        started(
            LiveFixtures.client(gateway)
                .reconnectPolicy(
                    ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(250), 10)
                        .withMaxElapsed(Duration.ofMillis(300)))
                .ticker(now::get)
                .sleeper(
                    d -> {
                      sleeps.add(d);
                      now.addAndGet(d.toNanos());
                    }));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);

    only.drop();

    // Attempts at 100 and 300 ms after the drop; the next would start at 550 ms, past 300 ms.
    LiveException e = app.awaitFailure(WAIT);
    assertThat(e).hasMessageContaining("gave up reconnecting after 2 attempts");
    assertThat(sleeps)
        .containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(250));
    assertThat(gateway.connections()).isEqualTo(3);
    client.close();
    gateway.awaitScripts(WAIT);
  }

  @Test
  void withoutAReconnectPolicyADropEndsNextWithItsCause() throws Exception {
    Feed only = new Feed(SESSION_START);
    gateway.serve(only);
    LiveClient client = started(LiveFixtures.client(gateway));
    Collector app = new Collector(client);
    app.take(LiveEvent.SessionStarted.class);

    only.drop();

    assertThat(app.awaitFailure(WAIT).code()).isEqualTo(LiveException.Code.CONNECTION_LOST);
    assertThat(client.next()).isNull();
    gateway.awaitScripts(WAIT);
  }
}
