package dev.pgpipe.cli.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.nats.StreamSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class NatsOptionsTest {

  @Command(name = "probe")
  static final class Probe {
    @Mixin NatsOptions nats = new NatsOptions();
  }

  private static NatsOptions parse(String... args) {
    Probe probe = new Probe();
    new CommandLine(probe).parseArgs(args);
    return probe.nats;
  }

  @Test
  void streamDefaultsToOneReplicaNamedPgpipe() {
    assertThat(parse().stream()).isEqualTo(StreamSettings.defaults());
  }

  @Test
  void streamReplicasAndNameAreTakenFromTheFlags() {
    StreamSettings stream = parse("--stream", "ORDERS", "--stream-replicas", "3").stream();

    assertThat(stream.name()).isEqualTo("ORDERS");
    assertThat(stream.replicas()).isEqualTo(3);
  }

  @Test
  void replicasOutsideJetStreamsRangeAreRefusedNamingTheFlag() {
    for (String bad : new String[] {"0", "6"}) {
      NatsOptions options = parse("--stream-replicas", bad);

      assertThatThrownBy(options::stream)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--stream-replicas must be 1 to 5")
          .hasMessageContaining(bad);
    }
    assertThat(parse("--stream-replicas", "5").stream().replicas()).isEqualTo(5);
  }
}
