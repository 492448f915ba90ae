package dev.pgpipe.cli.live;

import dev.pgpipe.cli.observe.ComponentHealth;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.market.LiveStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * The meters of {@code pgpipe live}, counted in its one loop ({@link LiveRun}): records by schema
 * (the record type), and, read from the load's own status at scrape time, rows committed, gaps,
 * reconnections and the live lag (now minus the last record's {@code ts_event}). Also the state of
 * the gateway connection for {@code /ready}: from the session's events, and {@code reconnecting}
 * while the client has no connection (a drop until the new session). Thread-safe.
 */
final class LiveMeters implements MeterBinder {

  private final Map<Class<?>, LongAdder> bySchema = new ConcurrentHashMap<>();
  private final Supplier<LiveStatus> status;
  private final Clock clock;
  private final BooleanSupplier connected;
  private volatile @Nullable MeterRegistry registry;
  private volatile ComponentHealth gateway = ComponentHealth.down("connecting", null);

  /** {@code connected}: whether the client holds a gateway connection now (thread-safe). */
  LiveMeters(Supplier<LiveStatus> status, Clock clock, BooleanSupplier connected) {
    this.status = status;
    this.clock = clock;
    this.connected = connected;
  }

  /** Counts one event of the stream and follows the gateway's state. */
  void event(LiveEvent event) {
    if (event instanceof LiveEvent.Data data) {
      DbnRecord record = data.record();
      LongAdder count = bySchema.get(record.getClass());
      (count != null ? count : register(record.getClass())).increment();
      return;
    }
    switch (event) {
      case LiveEvent.SessionStarted started -> gateway = ComponentHealth.up("streaming", null);
      case LiveEvent.GatewayError error ->
          gateway = ComponentHealth.down("error", error.code() + ": " + error.message());
      case LiveEvent.Gap gap ->
          gateway =
              ComponentHealth.up("streaming", "reconnected after " + gap.cause().getMessage());
      default -> {}
    }
  }

  /** The stream ended. */
  void ended() {
    gateway = ComponentHealth.down("ended", gateway.error());
  }

  ComponentHealth gateway() {
    ComponentHealth now = gateway;
    return now.ready() && !connected.getAsBoolean()
        ? ComponentHealth.down("reconnecting", now.error())
        : now;
  }

  private synchronized LongAdder register(Class<?> type) {
    return bySchema.computeIfAbsent(
        type,
        t -> {
          LongAdder adder = new LongAdder();
          MeterRegistry target = registry;
          if (target != null) {
            recordsCounter(target, t, adder);
          }
          return adder;
        });
  }

  private static void recordsCounter(MeterRegistry target, Class<?> type, LongAdder adder) {
    String schema = type.getSimpleName().replace("Msg", "").toLowerCase(Locale.ROOT);
    FunctionCounter.builder("pgpipe_market_records", adder, LongAdder::sum)
        .description("Market records received, by schema (record type)")
        .tag("schema", schema)
        .register(target);
  }

  @Override
  public synchronized void bindTo(MeterRegistry target) {
    registry = target;
    bySchema.forEach((type, adder) -> recordsCounter(target, type, adder));
    counter(
        target,
        "pgpipe_market_rows_committed",
        "Rows the market tables committed",
        LiveStatus::committed);
    counter(
        target,
        "pgpipe_market_gaps",
        "Connection drops after which records went missing",
        LiveStatus::gaps);
    counter(
        target,
        "pgpipe_market_reconnects",
        "Sessions started after the first",
        s -> Math.max(0, s.sessions() - 1));
    Gauge.builder("pgpipe_market_live_lag_seconds", this, m -> m.lagSeconds())
        .description("Now minus the last record's ts_event; 0 before the first")
        .register(target);
  }

  private double lagSeconds() {
    return status.get().lag(clock.instant()).map(d -> d.toMillis() / 1000.0).orElse(0.0);
  }

  private void counter(
      MeterRegistry target, String name, String description, ToDoubleFunction<LiveStatus> value) {
    FunctionCounter.builder(name, status, s -> value.applyAsDouble(s.get()))
        .description(description)
        .register(target);
  }
}
