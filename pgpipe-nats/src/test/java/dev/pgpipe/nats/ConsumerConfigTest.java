package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.api.StorageType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsumerConfigTest {

  @Test
  void deadLetterStreamSurvivesWhatTheChangeStreamSurvives() {
    StreamSettings stream =
        StreamSettings.defaults().withReplicas(3).withStorage(StorageType.Memory);

    StreamSettings dead =
        Pipes.consumer("nats://127.0.0.1:4222", "d").stream(stream).build().deadLetterStream();

    assertThat(dead.name()).isEqualTo("PGPIPE_DEAD");
    assertThat(dead.subjects()).isEqualTo(List.of("pgpipe_dead.>"));
    assertThat(dead.replicas()).isEqualTo(3);
    assertThat(dead.storage()).isEqualTo(StorageType.Memory);
    assertThat(dead.maxAge()).as("dead letters are kept until an operator acts").isZero();
  }

  @Test
  void anExplicitDeadLetterStreamIsKeptAsGiven() {
    StreamSettings dead = StreamSettings.defaults("MINE", "mine").withMaxAge(Duration.ofDays(1));

    ConsumerConfig config =
        Pipes.consumer("nats://127.0.0.1:4222", "d").stream(
                StreamSettings.defaults().withReplicas(3))
            .deadLetterStream(dead)
            .build();

    assertThat(config.deadLetterStream()).isEqualTo(dead);
  }
}
