package dev.pgpipe.cli.sink;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (or any JVM shutdown) into a stop request the command polls with {@link
 * #requested()}, then holds the shutdown until the command says it is done ({@link #close()}), so
 * the pending batch is applied and confirmed before the JVM exits. Waits at most {@code grace}.
 * Install in try-with-resources around the work. Thread-safe.
 */
final class StopSignal implements AutoCloseable {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private StopSignal(Duration grace) {
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
            "pgpipe-sink-shutdown");
  }

  /** Registers the hook. */
  static StopSignal install(Duration grace) {
    StopSignal signal = new StopSignal(grace);
    Runtime.getRuntime().addShutdownHook(signal.hook);
    return signal;
  }

  /** Whether the JVM is shutting down (Ctrl-C). */
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
