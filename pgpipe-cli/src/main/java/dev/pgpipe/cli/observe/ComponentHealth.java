package dev.pgpipe.cli.observe;

import org.jspecify.annotations.Nullable;

/**
 * The state of one component of a pipeline (source, target, JetStream, gateway) as {@code /ready}
 * shows it: a lower-case state name, whether it lets the pipeline make progress now, and the last
 * error (secrets removed), if any.
 */
public record ComponentHealth(String state, boolean ready, @Nullable String error) {

  public ComponentHealth {
    error = error == null ? null : Secrets.scrub(error);
  }

  /** Up, with the last error (if any) kept for the operator. */
  public static ComponentHealth up(String state, @Nullable String lastError) {
    return new ComponentHealth(state, true, lastError);
  }

  /** Not ready: {@code state} says why. */
  public static ComponentHealth down(String state, @Nullable String error) {
    return new ComponentHealth(state, false, error);
  }
}
