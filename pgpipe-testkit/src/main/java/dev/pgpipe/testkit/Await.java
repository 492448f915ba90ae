package dev.pgpipe.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a condition another process makes true (a server state, a row), checking it every few
 * milliseconds until a deadline; fails with the description when the deadline passes.
 */
public final class Await {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Await() {}

  public static void until(String description, Duration timeout, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + description);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }
}
