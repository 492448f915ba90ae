package dev.pgpipe.testkit.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ports a test server or cluster is started on: chosen distinct, and a port taken before the
 * server bound it starts it again on others instead of failing the test.
 */
class NatsPortsTest {

  @Test
  void portsChosenTogetherAreDistinctAndFree() throws IOException {
    List<Integer> ports = NatsServer.freePorts(60);
    assertThat(ports).hasSize(60).doesNotHaveDuplicates();
    for (int port : ports) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress("127.0.0.1", port));
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }

  @Test
  void aServerWhosePortIsTakenSaysSo() throws IOException {
    assumeThat(NatsServer.binary()).as("nats-server installed").isPresent();
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> NatsServer.start(port).close())
          .isInstanceOf(NatsServer.PortTakenException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("address already in use");
    }
  }
}
