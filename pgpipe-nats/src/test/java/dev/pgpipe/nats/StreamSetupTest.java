package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.nats.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The stream is created when missing, accepted when equal, reported (not changed) when not. */
class StreamSetupTest {

  @Test
  void existingStreamWithOtherSettingsIsReportedAndLeftAlone() throws Exception {
    try (NatsServer nats = Pipes.nats();
        Connection c = Nats.connect(nats.url())) {
      var jsm = c.jetStreamManagement();
      StreamSettings wanted = StreamSettings.defaults();
      StreamSetup.ensure(jsm, wanted);
      StreamSetup.ensure(jsm, wanted);
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
}
