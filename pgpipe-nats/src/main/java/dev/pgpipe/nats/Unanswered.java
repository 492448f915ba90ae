package dev.pgpipe.nats;

import dev.pgpipe.client.Attempts;
import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Sleeper;
import dev.pgpipe.client.Ticker;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Setting up a stream or a consumer while JetStream does not answer: a cluster electing its meta or
 * stream leader answers nothing for a few seconds (jnats' "Timeout or no response waiting for NATS
 * JetStream server", an {@link IOException}), so the call is made again, from 250 ms doubling to 2
 * s, for up to 30 s, with a warning that says why. Any other failure, and the last one, is thrown
 * as it came.
 */
final class Unanswered {

  private static final Logger log = LoggerFactory.getLogger(Unanswered.class);

  private static final Backoff BACKOFF =
      Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(2))
          .withMaxElapsed(Duration.ofSeconds(30));

  private Unanswered() {}

  /** One setup call. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws IOException, JetStreamApiException;
  }

  /**
   * {@code call}'s result, calling it again while JetStream does not answer; {@code what} names it.
   */
  static <T> T retry(String what, Call<T> call) throws IOException, JetStreamApiException {
    Attempts attempts = BACKOFF.start(Ticker.SYSTEM);
    while (true) {
      try {
        return call.call();
      } catch (IOException | NatsTransportException e) {
        boolean unanswered = e instanceof IOException || e.getCause() instanceof IOException;
        if (!unanswered || !attempts.failed()) {
          throw e;
        }
        log.warn(
            "JetStream did not answer while setting up {} (a cluster electing its leader answers"
                + " nothing for a few seconds); trying again in {}",
            what,
            attempts.nextDelay());
        try {
          attempts.pause(Sleeper.SYSTEM);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
