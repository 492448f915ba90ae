package dev.pgpipe.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code test/e2e.sh --local} with the unpacked distribution's {@code bin/pgpipe}: two embedded
 * PostgreSQL servers, a local nats-server, {@code pgpipe cdc --to nats} and {@code pgpipe sink
 * --from nats}, and the seven scenarios, each of which must print PASS.
 */
class E2eLocalTest {

  @TempDir Path directory;

  @Test
  void everyScenarioPasses() throws Exception {
    Unpacked dist = Unpacked.unpack(directory);
    Map<String, String> env = new HashMap<>(dist.environment());
    env.put("PGPIPE", dist.home().resolve("bin/pgpipe").toString());
    env.put("TMPDIR", directory.toString());
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
    String script = System.getProperty("pgpipe.e2e.script", "../test/e2e.sh");

    Unpacked.Run run = Unpacked.run(List.of("bash", script, "--local"), env, 300);

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out().lines().filter(line -> line.startsWith("PASS "))).hasSize(7);
    assertThat(run.out()).contains("e2e --local: 7 passed, 0 failed");
  }
}
