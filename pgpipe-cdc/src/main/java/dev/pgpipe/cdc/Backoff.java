package dev.pgpipe.cdc;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Capped, jittered exponential backoff: attempt {@code n} waits a uniformly random time between
 * half and all of {@code min(max, initial x 2^n)} ("equal jitter"), so reconnecting clients spread
 * out and never wait longer than {@code max}. Thread-safe.
 */
final class Backoff {

  private final Duration initial;
  private final Duration max;
  private final DoubleSupplier random;

  Backoff(Duration initial, Duration max, DoubleSupplier random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  Duration delay(int attempt) {
    double exponential = initial.toNanos() * Math.pow(2, Math.max(0, attempt));
    long ceiling = (long) Math.min(max.toNanos(), exponential);
    long half = ceiling / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (ceiling - half)));
  }
}
