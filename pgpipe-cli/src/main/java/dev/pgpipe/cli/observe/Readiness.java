package dev.pgpipe.cli.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The components of a running command and their probes, for {@code /ready} and {@code /health}.
 * Probes only read state that the pipeline's own threads keep (no I/O), so asking never blocks the
 * pipeline nor waits for a server that is down. Thread-safe.
 */
public final class Readiness {

  private final Map<String, Supplier<ComponentHealth>> probes = new ConcurrentHashMap<>();
  private volatile boolean stopping;
  private volatile @Nullable String gaveUp;

  /** Adds (or replaces) the component {@code name} ({@code source}, {@code target}...). */
  public void component(String name, Supplier<ComponentHealth> probe) {
    probes.put(name, probe);
  }

  /** The command is stopping: not ready any more. */
  public void stopping() {
    stopping = true;
  }

  /** The command gave up (a failure no retry fixes): {@code /health} answers 503. */
  public void gaveUp(String why) {
    gaveUp = Secrets.scrub(why);
  }

  /** Each component's health now, in name order. */
  public Map<String, ComponentHealth> components() {
    Map<String, ComponentHealth> now = new LinkedHashMap<>();
    probes.keySet().stream().sorted().forEach(name -> now.put(name, ask(probes.get(name))));
    return now;
  }

  private static ComponentHealth ask(@Nullable Supplier<ComponentHealth> probe) {
    if (probe == null) {
      return ComponentHealth.down("removed", null);
    }
    try {
      return probe.get();
    } catch (RuntimeException e) {
      return ComponentHealth.down("unknown", String.valueOf(e.getMessage()));
    }
  }

  /** Ready: not stopping, not given up, components known (not starting) and every one ready. */
  public boolean ready(Map<String, ComponentHealth> components) {
    return !stopping
        && gaveUp == null
        && !components.isEmpty()
        && components.values().stream().allMatch(ComponentHealth::ready);
  }

  /** Alive: not given up and no component failed for good. */
  public boolean alive(Map<String, ComponentHealth> components) {
    return gaveUp == null
        && components.values().stream().noneMatch(c -> c.state().equals("failed"));
  }

  /** Why the command gave up, if it did. */
  public @Nullable String gaveUpReason() {
    return gaveUp;
  }

  public boolean isStopping() {
    return stopping;
  }
}
