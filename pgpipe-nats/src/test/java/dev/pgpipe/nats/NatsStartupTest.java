package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import dev.pgpipe.testkit.nats.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * NATS down when a publisher starts: it waits with the reconnect backoff (on an injected clock, so
 * no test waits a minute) and connects once the server is up, or fails with a clear message when
 * the startup wait passed; refused credentials fail at once, without the secret.
 */
class NatsStartupTest {

  @Test
  void natsDownAtStart_waitsWithBackoff_thenConnects() {
    try (NatsServer nats = Pipes.nats()) {
      nats.stop();
      List<Duration> waits = new CopyOnWriteArrayList<>();
      Sleeper startsNatsAfterTwoWaits =
          delay -> {
            if (waits.size() == 2) {
              // NATS is up. A later wait can only be the stream setup's, should JetStream not
              // answer at once: it is waited as in production, not counted among NATS's waits,
              // and never happens when JetStream answers the first time.
              Sleeper.SYSTEM.sleep(delay);
              return;
            }
            waits.add(delay);
            if (waits.size() == 2) {
              nats.launch();
            }
          };
      PublisherConfig config = Pipes.publisher(nats.url()).sleeper(startsNatsAfterTwoWaits).build();
      try (TransactionPublisher publisher = TransactionPublisher.connect(config)) {
        assertThat(publisher.stats().messages()).isZero();
      }
      assertThat(waits).hasSize(2);
      assertThat(waits.get(1)).isGreaterThan(waits.get(0)); // backoff
    }
  }

  @Test
  void natsDownLongerThanTheStartupWait_failsSayingWhatToCheck() {
    try (NatsServer nats = Pipes.nats()) {
      nats.stop();
      AtomicLong now = new AtomicLong();
      Ticker clock = now::get;
      Sleeper advances = delay -> now.addAndGet(delay.toNanos());
      NatsSettings settings =
          NatsSettings.builder()
              .servers(nats.url())
              .reconnectWait(Duration.ofSeconds(1), Duration.ofSeconds(10))
              .startupWait(Duration.ofSeconds(60))
              .build();
      PublisherConfig config =
          Pipes.publisher(nats.url()).nats(settings).ticker(clock).sleeper(advances).build();
      assertThatThrownBy(() -> TransactionPublisher.connect(config))
          .isInstanceOf(NatsTransportException.class)
          .hasMessageContaining("cannot connect to NATS at [" + nats.url() + "] (waited PT1M)")
          .hasMessageContaining("check NATS_URL");
      assertThat(now.get()).as("a minute waited on the fake clock").isGreaterThan(60_000_000_000L);
    }
  }

  @Test
  void wrongCredentials_failAtOnce_withoutTheSecret() {
    try (NatsServer nats = NatsServer.start("--user", "alice", "--pass", "right-one")) {
      NatsSettings wrong =
          NatsSettings.builder().servers(nats.url()).user("alice", "wrong-secret-42").build();
      List<Duration> waits = new CopyOnWriteArrayList<>();
      PublisherConfig config = Pipes.publisher(nats.url()).nats(wrong).sleeper(waits::add).build();
      assertThatThrownBy(() -> TransactionPublisher.connect(config))
          .isInstanceOf(NatsTransportException.class)
          .hasMessageContaining("refused the credentials")
          .hasMessageNotContaining("wrong-secret-42");
      assertThat(waits).as("no retry").isEmpty();
    }
  }
}
