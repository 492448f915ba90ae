package dev.pgpipe.nats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A loop on its own thread that a test stops and whose failure it sees. */
final class Background implements AutoCloseable {

  interface Loop {
    void run(AtomicBoolean stop) throws Exception;
  }

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  private Background(String name, Loop loop) {
    this.thread =
        Thread.ofPlatform()
            .name(name)
            .start(
                () -> {
                  try {
                    loop.run(stop);
                  } catch (Throwable e) {
                    failure.set(e);
                  }
                });
  }

  static Background start(String name, Loop loop) {
    return new Background(name, loop);
  }

  /** Fails the test with the loop's exception, if it threw. */
  void check() {
    Throwable e = failure.get();
    if (e != null) {
      throw new AssertionError("background loop failed: " + e, e);
    }
  }

  /** Whether the loop still runs: neither returned nor threw. */
  boolean running() {
    return thread.isAlive() && failure.get() == null;
  }

  boolean failed() {
    return failure.get() != null;
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    thread.join(Duration.ofSeconds(30));
    check();
  }
}
