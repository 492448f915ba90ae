package dev.pgpipe.client;

/**
 * A monotonic nanosecond clock, injected wherever a loop measures time (flush intervals, backoff
 * deadlines, idle limits) so that tests drive time by hand instead of waiting for it. Only
 * differences between two readings mean anything, as with {@link System#nanoTime()}.
 */
@FunctionalInterface
public interface Ticker {

  /** The real clock: {@link System#nanoTime()}. */
  Ticker SYSTEM = System::nanoTime;

  /** The current reading in nanoseconds. */
  long nanoTime();
}
