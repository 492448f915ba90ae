package dev.pgpipe.dbn.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the application's loop over {@link LiveClient#next()} on a virtual thread. */
final class Collector {
  private final BlockingQueue<LiveEvent> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  Collector(LiveClient client) {
    Thread.ofVirtual()
        .name("live-app")
        .start(
            () -> {
              try {
                for (LiveEvent e = client.next(); e != null; e = client.next()) {
                  events.add(e);
                }
                done.complete(null);
              } catch (Throwable t) {
                done.completeExceptionally(t);
              }
            });
  }

  /** The next event, failing after 10 s. */
  LiveEvent take() throws InterruptedException {
    LiveEvent e = events.poll(10, TimeUnit.SECONDS);
    assertThat(e).as("an event within 10 s (loop done: %s)", done).isNotNull();
    return e;
  }

  /** The next event, which must be of {@code type}. */
  <T extends LiveEvent> T take(Class<T> type) throws InterruptedException {
    LiveEvent e = take();
    assertThat(e).isInstanceOf(type);
    return type.cast(e);
  }

  boolean isDone() {
    return done.isDone();
  }

  /** Waits for the loop to end normally ({@code next()} returned null). */
  void awaitEnd() throws Exception {
    done.get(10, TimeUnit.SECONDS);
  }

  /** Waits for the loop to end with a {@link LiveException} and returns it. */
  LiveException awaitFailure(Duration timeout) throws InterruptedException, TimeoutException {
    try {
      done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = Objects.requireNonNull(e.getCause());
      assertThat(cause).isInstanceOf(LiveException.class);
      return (LiveException) cause;
    }
    throw new AssertionError("the loop ended normally; expected a LiveException");
  }

  /** Events received and not taken yet. */
  int queued() {
    return events.size();
  }
}
