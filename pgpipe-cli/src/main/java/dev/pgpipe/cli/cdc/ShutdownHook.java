package dev.pgpipe.cli.cdc;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (or any JVM shutdown) into a stop request, then holds the shutdown until the command
 * says it is done ({@link #close()}), so the last lines are flushed and confirmed before the JVM
 * exits. Waits at most {@code grace}. Install in try-with-resources around the work.
 */
final class ShutdownHook implements AutoCloseable {

  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook;

  private ShutdownHook(Runnable onShutdown, Duration grace) {
    this.hook =
        new Thread(
            () -> {
              onShutdown.run();
              try {
                done.await(grace.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "pgpipe-cdc-shutdown");
  }

  /** Registers {@code onShutdown} to run when the JVM begins to shut down. */
  static ShutdownHook install(Runnable onShutdown, Duration grace) {
    ShutdownHook shutdownHook = new ShutdownHook(onShutdown, grace);
    Runtime.getRuntime().addShutdownHook(shutdownHook.hook);
    return shutdownHook;
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
