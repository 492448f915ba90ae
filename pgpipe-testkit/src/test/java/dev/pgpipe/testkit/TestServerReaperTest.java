package dev.pgpipe.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A test JVM killed with SIGKILL (as pitest ends its minions) runs no shutdown hook; its embedded
 * server must not outlive it all the same.
 */
class TestServerReaperTest {

  @Test
  void theEmbeddedServerOfAKilledJvmStopsAndLeavesNoDirectory() throws Exception {
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                ServerChild.class.getName())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String[] line = String.valueOf(out.readLine()).split(" ", 2);
      assertThat(line).as("the child's port and data directory").hasSize(2);
      int port = Integer.parseInt(line[0]);
      Path root = Path.of(line[1]).getParent();
      assertThat(accepts(port)).as("the child's server runs").isTrue();
      assertThat(root).isDirectory();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
      Await.until("the killed JVM's server stops", Duration.ofSeconds(30), () -> !accepts(port));
      Await.until("its directory is deleted", Duration.ofSeconds(30), () -> !Files.exists(root));
    }
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), 1_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
