package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * A setup call JetStream leaves unanswered is made again, from 250 ms doubling to 2 s, for up to 30
 * s on the caller's clock; any other failure ends it at once. A fake clock that advances by each
 * wait stands in for time.
 */
class UnansweredTest {

  private final AtomicLong now = new AtomicLong();
  private final List<Duration> waits = new ArrayList<>();
  private final Unanswered unanswered =
      new Unanswered(
          now::get,
          wait -> {
            waits.add(wait);
            now.addAndGet(wait.toNanos());
          });

  @Test
  void anUnansweredCallIsMadeAgainUntilItIsAnswered() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    String result =
        unanswered.retry(
            "stream S",
            () -> {
              if (calls.incrementAndGet() <= 3) {
                throw new IOException("Timeout or no response waiting for NATS JetStream server");
              }
              return "set up";
            });

    assertThat(result).isEqualTo("set up");
    assertThat(calls).hasValue(4);
    assertThat(waits)
        .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1));
  }

  @Test
  void aWrappedUnansweredCallIsMadeAgainToo() throws Exception {
    AtomicInteger calls = new AtomicInteger();

    unanswered.retry(
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
  void aCallUnansweredForThirtySecondsEndsWithItsLastFailure() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () -> failing(() -> new IOException("no response, call " + calls.incrementAndGet())))
        .isInstanceOf(IOException.class)
        .hasMessage("no response, call " + calls.get());
    // Waits of 0.25, 0.5, 1, then 2 s: the failure at 31.75 s, the first past 30 s, is the last.
    assertThat(waits).hasSize(18).last().isEqualTo(Duration.ofSeconds(2));
    assertThat(Duration.ofNanos(now.get())).isEqualTo(Duration.ofMillis(31_750));
  }

  @Test
  void aRefusalIsThrownAtOnce() {
    AtomicInteger calls = new AtomicInteger();

    assertThatThrownBy(
            () ->
                failing(
                    () -> {
                      calls.incrementAndGet();
                      return new NatsTransportException("exists with filter x");
                    }))
        .isInstanceOf(NatsTransportException.class)
        .hasMessage("exists with filter x");
    assertThat(calls).hasValue(1);
    assertThat(waits).isEmpty();
  }

  /** Sets up a consumer whose every call fails with a new {@code failure}. */
  private void failing(Supplier<Exception> failure) throws Exception {
    unanswered.retry(
        "durable consumer c",
        () -> {
          switch (failure.get()) {
            case IOException e -> throw e;
            case RuntimeException e -> throw e;
            default -> throw new AssertionError("not a setup failure");
          }
        });
  }
}
