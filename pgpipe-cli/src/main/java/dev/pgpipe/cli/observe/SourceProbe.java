package dev.pgpipe.cli.observe;

import dev.pgpipe.cdc.StreamState;
import java.util.Optional;
import java.util.function.Supplier;

/** The health of a change stream's source, from its {@link StreamState}: ready only streaming. */
public final class SourceProbe {

  private SourceProbe() {}

  /** A probe reading {@code state} and {@code lastError} (both thread-safe, no I/O). */
  public static Supplier<ComponentHealth> of(
      Supplier<StreamState> state, Supplier<Optional<String>> lastError) {
    return () -> health(state.get(), lastError.get().orElse(null));
  }

  static ComponentHealth health(
      StreamState state, @org.jspecify.annotations.Nullable String error) {
    return state == StreamState.STREAMING || state == StreamState.FINISHED
        ? ComponentHealth.up(state.label(), error)
        : ComponentHealth.down(state.label(), error);
  }
}
