package dev.pgpipe.cli.supervise;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Turns Ctrl-C (or any JVM shutdown) into a stop request that a long-running command polls with
 * {@link #requested()}, then holds the shutdown until the command is done ({@link #close()}), so
 * what is in hand is committed and confirmed before the JVM exits. Waits at most {@code grace}.
 * Install in try-with-resources around the work. Thread-safe.
 */
public final class GracefulStop implements AutoCloseable {

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private GracefulStop(Duration grace, Runnable onShutdown) {
    this.hook =
        new Thread(
            () -> {
              requested.set(true);
              onShutdown.run();
              try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "pgpipe-shutdown");
  }

  /** Registers the hook. */
  public static GracefulStop install(Duration grace) {
    return install(grace, () -> {});
  }

  /** Registers the hook; {@code onShutdown} runs first when the JVM begins to shut down. */
  public static GracefulStop install(Duration grace, Runnable onShutdown) {
    GracefulStop stop = new GracefulStop(grace, onShutdown);
    Runtime.getRuntime().addShutdownHook(stop.hook);
    return stop;
  }

  /** Whether the JVM is shutting down (Ctrl-C). */
  public boolean requested() {
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
