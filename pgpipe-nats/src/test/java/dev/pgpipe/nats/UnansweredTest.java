package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A setup call JetStream leaves unanswered is made again; any other failure ends it at once. */
class UnansweredTest {

  @Test
  void anUnansweredCallIsMadeAgainUntilItIsAnswered() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    String result =
        Unanswered.retry(
            "stream S",
            () -> {
              if (calls.incrementAndGet() == 1) {
                throw new IOException("Timeout or no response waiting for NATS JetStream server");
              }
              return "set up";
            });

    assertThat(result).isEqualTo("set up");
    assertThat(calls).hasValue(2);
  }

  @Test
  void aWrappedUnansweredCallIsMadeAgainToo() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    Unanswered.retry(
        "stream S",
        () -> {
          if (calls.incrementAndGet() == 1) {
            throw new NatsTransportException("cannot read", new IOException("no response"));
          }
          return Boolean.TRUE;
        });

    assertThat(calls).hasValue(2);
  }

  @Test
  void aRefusalIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                Unanswered.retry(
                    "durable consumer c",
                    () -> {
                      calls.incrementAndGet();
                      throw new NatsTransportException("exists with filter x");
                    }))
        .isInstanceOf(NatsTransportException.class)
        .hasMessage("exists with filter x");
    assertThat(calls).hasValue(1);
  }
}
