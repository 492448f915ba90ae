package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stream is created when missing (also by several processes at once), accepted when equal,
 * reported (not changed) when not.
 */
class StreamSetupTest {

  @Test
  void existingStreamWithOtherSettingsIsReportedAndLeftAlone() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      var jsm = c.jetStreamManagement();
      StreamSettings wanted = StreamSettings.defaults();
      StreamSetup.ensure(jsm, wanted, Pipes.UNANSWERED);
      StreamSetup.ensure(jsm, wanted, Pipes.UNANSWERED);
      StreamSettings other =
          wanted.withMaxAge(Duration.ofHours(1)).withDuplicateWindow(Duration.ofMinutes(5));
      assertThatThrownBy(
              () -> TransactionPublisher.connect(Pipes.publisher(nats.url()).stream(other).build()))
          .isInstanceOf(NatsTransportException.class)
          .hasMessageContaining("max age PT168H (configured PT1H)")
          .hasMessageContaining("duplicate window PT2M (configured PT5M)")
          .hasMessageContaining("nats stream edit PGPIPE");
      assertThat(jsm.getStreamInfo("PGPIPE").getConfiguration().getMaxAge())
          .isEqualTo(Duration.ofDays(7));
    }
  }

  /**
   * A publisher and a consumer starting together on a fresh server both find the stream missing and
   * both create it: the one whose create is refused takes the stream the other made.
   */
  @Test
  void creatorsRacingOnAFreshServerAllGetTheStream() throws Exception {
    int creators = 4;
    try (NatsServer nats = Pipes.nats()) {
      List<Connection> connections = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(creators);
      try {
        for (int i = 0; i < creators; i++) {
          connections.add(Nats.connect(nats.url()));
        }
        for (int round = 0; round < 20; round++) {
          StreamSettings settings = StreamSettings.defaults("RACE" + round, "race" + round);
          CyclicBarrier start = new CyclicBarrier(creators);
          List<Future<String>> created = new ArrayList<>();
          for (Connection connection : connections) {
            var jsm = connection.jetStreamManagement();
            created.add(
                pool.submit(
                    () -> {
                      start.await(10, TimeUnit.SECONDS);
                      return StreamSetup.ensure(jsm, settings, Pipes.UNANSWERED)
                          .getConfiguration()
                          .getName();
                    }));
          }
          for (Future<String> name : created) {
            assertThat(name.get(30, TimeUnit.SECONDS)).isEqualTo("RACE" + round);
          }
        }
      } finally {
        pool.shutdownNow();
        for (Connection connection : connections) {
          connection.close();
        }
      }
    }
  }
}
