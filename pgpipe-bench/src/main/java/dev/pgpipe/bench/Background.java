package dev.pgpipe.bench;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline stage on its own thread: it runs until {@link #close()} asks it to stop, and a failure
 * is kept and rethrown by {@link #check()} (and by {@link #close()}).
 */
public final class Background implements AutoCloseable {

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
  private final Thread thread;

  private Background(String name, Consumer<AtomicBoolean> body) {
    this.thread =
        new Thread(
            () -> {
              try {
                body.accept(stop);
              } catch (Throwable t) {
                failure.set(t);
              }
            },
            name);
    thread.setDaemon(true);
  }

  /** Starts {@code body}, which must return soon after its flag turns true. */
  public static Background start(String name, Consumer<AtomicBoolean> body) {
    Background background = new Background(name, body);
    background.thread.start();
    return background;
  }

  /** Throws what the stage failed with, if it failed. */
  public void check() {
    Throwable t = failure.get();
    if (t != null) {
      throw new IllegalStateException(thread.getName() + " failed: " + t, t);
    }
  }

  @Override
  public void close() {
    stop.set(true);
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    check();
  }
}
