package dev.pgpipe.cli.observe;

import dev.pgpipe.client.Database;
import dev.pgpipe.client.Health;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Watches a database with a round trip ({@link Database#health()}) every {@code interval} on a
 * virtual thread of its own and answers with the last result, so a health request never waits for
 * the server. A round trip still running after {@code interval} counts as down ({@code
 * unresponsive}): a dropped server is reported within one interval even while the driver waits for
 * its connect timeout. Thread-safe.
 */
final class DatabaseProbe implements Supplier<ComponentHealth>, AutoCloseable {

  private final Database db;
  private final Duration interval;
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread thread;
  private volatile ComponentHealth last = ComponentHealth.down("connecting", null);
  private volatile @Nullable String lastError;
  private volatile long checkStarted;

  DatabaseProbe(String name, Database db, Duration interval) {
    this.db = db;
    this.interval = interval;
    this.thread = Thread.ofVirtual().name("pgpipe-probe-" + name).start(this::loop);
  }

  private void loop() {
    do {
      checkStarted = System.nanoTime();
      Health health = check();
      checkStarted = 0;
      if (health.up()) {
        last = ComponentHealth.up("connected", lastError);
      } else {
        lastError = health.error().orElse("unreachable");
        last = ComponentHealth.down("reconnecting", lastError);
      }
    } while (!awaitClose());
  }

  private Health check() {
    try {
      return db.health();
    } catch (RuntimeException e) {
      return new Health(
          false,
          Duration.ZERO,
          new dev.pgpipe.client.PoolStats(0, 0, 0, 0, 0, Duration.ZERO, Duration.ZERO),
          java.util.Optional.of(String.valueOf(e.getMessage())));
    }
  }

  private boolean awaitClose() {
    try {
      return closed.await(interval.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  @Override
  public ComponentHealth get() {
    long started = checkStarted;
    if (started != 0 && System.nanoTime() - started > interval.toNanos()) {
      return ComponentHealth.down("unresponsive", lastError);
    }
    return last;
  }

  @Override
  public void close() {
    closed.countDown();
    thread.interrupt();
  }
}
