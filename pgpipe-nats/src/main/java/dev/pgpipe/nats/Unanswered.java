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
 * s, with a warning that says why, until it fails more than 30 s after the first call (about 32 s
 * of waits, plus each call's own request timeout). Any other failure, and that last one, is thrown
 * as it came. The waits are measured on, and slept by, the publisher's or consumer's own {@link
 * Ticker} and {@link Sleeper}, so a test's fake clock runs them at once.
 */
final class Unanswered {

  private static final Logger log = LoggerFactory.getLogger(Unanswered.class);

  private static final Backoff BACKOFF =
      Backoff.exponential(Duration.ofMillis(250), Duration.ofSeconds(2))
          .withMaxElapsed(Duration.ofSeconds(30));

  private final Ticker ticker;
  private final Sleeper sleeper;

  Unanswered(Ticker ticker, Sleeper sleeper) {
    this.ticker = ticker;
    this.sleeper = sleeper;
  }

  /** One setup call. */
  @FunctionalInterface
  interface Call<T> {
    T call() throws IOException, JetStreamApiException;
  }

  /**
   * {@code call}'s result, calling it again while JetStream does not answer; {@code what} names it.
   */
  <T> T retry(String what, Call<T> call) throws IOException, JetStreamApiException {
    Attempts attempts = BACKOFF.start(ticker);
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
          attempts.pause(sleeper);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }
}
