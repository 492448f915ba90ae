package dev.pgpipe.cli.observe;

import dev.pgpipe.client.Database;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a long-running command exposes while it runs: a Prometheus registry added to Micrometer's
 * global registry (where pgpipe's libraries measure), the JVM and process meters, the readiness of
 * its components, and the endpoint serving them. {@link #off()} when no port is set: then nothing
 * is measured beyond what the libraries count anyway, and nothing listens. Close it when the
 * command ends; the registry is then removed again. Thread-safe.
 */
public final class Observability implements AutoCloseable {

  private final @Nullable PrometheusMeterRegistry registry;
  private final @Nullable MetricsServer server;
  private final Readiness readiness;
  private final Duration probeInterval;
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final List<MeterBinder> bound = new ArrayList<>(); // guarded by closeables

  private Observability(
      Readiness readiness,
      @Nullable PrometheusMeterRegistry registry,
      @Nullable MetricsServer server,
      Duration probeInterval) {
    this.readiness = readiness;
    this.registry = registry;
    this.server = server;
    this.probeInterval = probeInterval;
  }

  /** Nothing served, nothing measured. */
  public static Observability off() {
    return new Observability(new Readiness(), null, null, Duration.ofSeconds(1));
  }

  /**
   * Serves {@code /metrics}, {@code /health} and {@code /ready} on {@code host:port}; every meter
   * carries the label {@code command}. Components are probed every {@code probeInterval}.
   *
   * @throws IllegalStateException naming the port when it cannot be bound
   */
  public static Observability serve(String host, int port, String command, Duration probeInterval) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("command", command);
    Readiness readiness = new Readiness();
    Observability observability;
    try {
      observability =
          new Observability(
              readiness,
              registry,
              MetricsServer.start(host, port, registry, readiness),
              probeInterval);
    } catch (RuntimeException e) {
      registry.close();
      throw e;
    }
    observability.bindJvm(registry);
    Metrics.globalRegistry.add(registry);
    return observability;
  }

  private void bindJvm(PrometheusMeterRegistry target) {
    new ClassLoaderMetrics().bindTo(target);
    new JvmMemoryMetrics().bindTo(target);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(target);
    closeables.add(gc);
    new JvmThreadMetrics().bindTo(target);
    new ProcessorMetrics().bindTo(target);
    new UptimeMetrics().bindTo(target);
    new FileDescriptorMetrics().bindTo(target);
  }

  /** Whether the endpoint is on. */
  public boolean enabled() {
    return server != null;
  }

  /** The port served, or -1 when off. */
  public int port() {
    MetricsServer running = server;
    return running == null ? -1 : running.port();
  }

  public Readiness readiness() {
    return readiness;
  }

  /** Adds component {@code name}, probed by reading the pipeline's state. */
  public void component(String name, Supplier<ComponentHealth> probe) {
    readiness.component(name, probe);
  }

  /** Adds component {@code source}: a change stream, ready while it streams. */
  public void source(dev.pgpipe.cdc.ChangeStream stream) {
    readiness.component("source", SourceProbe.of(stream::state, stream::lastError));
  }

  /**
   * Binds meters that read a stage's own counters (JetStream, market...) to the served registry
   * (nothing when off); they go with it on {@link #close()}. The binder is kept until then:
   * Micrometer holds the object a function counter or gauge reads only weakly, so meters reading a
   * supplier that only the binder holds (a method reference) would freeze at the next collection.
   */
  public void bind(MeterBinder binder) {
    if (registry != null) {
      synchronized (closeables) {
        bound.add(binder);
      }
      binder.bindTo(registry);
    }
  }

  /** Adds component {@code name}: {@code db}, checked with a round trip every probe interval. */
  public void watch(String name, Database db) {
    if (!enabled()) {
      return;
    }
    DatabaseProbe probe = new DatabaseProbe(name, db, probeInterval);
    synchronized (closeables) {
      closeables.add(probe);
    }
    readiness.component(name, probe);
  }

  /** Stops serving, removes the registry from the global one. Idempotent. */
  @Override
  public void close() {
    readiness.stopping();
    synchronized (closeables) {
      for (AutoCloseable closeable : closeables) {
        try {
          closeable.close();
        } catch (Exception e) {
          // closing a probe or binder cannot fail in a way that matters here
        }
      }
      closeables.clear();
      bound.clear();
    }
    if (server != null) {
      server.close();
    }
    if (registry != null) {
      Metrics.globalRegistry.remove(registry);
      registry.close();
    }
  }
}
