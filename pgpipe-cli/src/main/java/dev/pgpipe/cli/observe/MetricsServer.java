package dev.pgpipe.cli.observe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP endpoint of a running command, on the JDK's server, each request on a virtual thread:
 *
 * <ul>
 *   <li>{@code GET /metrics}: the registry in Prometheus text format;
 *   <li>{@code GET /health}: 200 while the command can make progress, 503 once it gave up;
 *   <li>{@code GET /ready}: 200 when every component is connected and streaming, else 503; the JSON
 *       body names each component, its state and last error (without secrets).
 * </ul>
 *
 * Answers come from meters and probes that only read state, never from a server: a request answers
 * while the pipeline's servers are down, and never blocks the pipeline.
 */
public final class MetricsServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final PrometheusMeterRegistry registry;
  private final Readiness readiness;

  private MetricsServer(HttpServer server, PrometheusMeterRegistry registry, Readiness readiness) {
    this.server = server;
    this.registry = registry;
    this.readiness = readiness;
    server.setExecutor(executor);
    server.createContext("/metrics", this::metrics);
    server.createContext("/health", this::health);
    server.createContext("/ready", this::ready);
    server.start();
  }

  /**
   * Listens on {@code host:port} (port 0: any free one).
   *
   * @throws IllegalStateException naming the port when it cannot be bound (e.g. in use)
   */
  public static MetricsServer start(
      String host, int port, PrometheusMeterRegistry registry, Readiness readiness) {
    try {
      return new MetricsServer(
          HttpServer.create(new InetSocketAddress(host, port), 0), registry, readiness);
    } catch (BindException e) {
      throw new IllegalStateException(
          "metrics port "
              + port
              + " on "
              + host
              + " cannot be used ("
              + e.getMessage()
              + "); choose another --metrics-port or PGPIPE_METRICS_PORT",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve metrics on " + host + ":" + port, e);
    }
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void metrics(HttpExchange exchange) throws IOException {
    respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  private void health(HttpExchange exchange) throws IOException {
    Map<String, ComponentHealth> components = readiness.components();
    boolean alive = readiness.alive(components);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", alive ? "up" : "down");
    String reason = readiness.gaveUpReason();
    if (reason != null) {
      body.put("error", reason);
    }
    respond(exchange, alive ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private void ready(HttpExchange exchange) throws IOException {
    Map<String, ComponentHealth> components = readiness.components();
    boolean ready = readiness.ready(components);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ready", ready);
    if (readiness.isStopping()) {
      body.put("state", "stopping");
    }
    body.put("components", components);
    respond(exchange, ready ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private static void respond(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops listening at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
