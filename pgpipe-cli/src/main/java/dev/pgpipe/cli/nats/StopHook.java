package dev.pgpipe.cli.nats;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (or any JVM shutdown) into a stop request polled with {@link #requested()}, then
 * holds the shutdown until the command is done ({@link #close()}), so the transaction being applied
 * commits and is acknowledged before the JVM exits. Waits at most {@code grace}. Thread-safe.
 */
final class StopHook implements AutoCloseable {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private StopHook(Duration grace) {
    this.hook =
        new Thread(
            () -> {
              requested.set(true);
              try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "pgpipe-nats-shutdown");
  }

  /** Registers the hook; install in try-with-resources around the work. */
  static StopHook install(Duration grace) {
    StopHook stopHook = new StopHook(grace);
    Runtime.getRuntime().addShutdownHook(stopHook.hook);
    return stopHook;
  }

  boolean requested() {
    return requested.get();
  }

  /** Lets a pending shutdown proceed, or unregisters the hook when none is under way. */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and now returns
    }
  }
}
