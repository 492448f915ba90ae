package dev.pgpipe.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code pgpipe status --url http://host:port}: reads a running command's {@code /ready} and {@code
 * /metrics} and prints each component's state and the key meters as a short table. Exit code 0 when
 * ready, 1 when not ready or nothing answers.
 */
@Command(
    name = "status",
    description = {
      "Shows a running pgpipe's readiness and key metrics (its --metrics-port endpoint).",
      "Exit code 0 when it is ready, 1 when not (or when nothing answers)."
    },
    mixinStandardHelpOptions = true)
public final class StatusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String[]> KEY_METERS =
      List.of(
          new String[] {"lag (s)", "pgpipe_cdc_lag_seconds", "max"},
          new String[] {"events", "pgpipe_cdc_events_total", "sum"},
          new String[] {"transactions", "pgpipe_cdc_transactions_total", "sum"},
          new String[] {"rows applied", "pgpipe_sink_rows_applied_total", "sum"},
          new String[] {"dead letters", "pgpipe_sink_dead_letters_total", "sum"},
          new String[] {"apply retries", "pgpipe_sink_retries_total", "sum"},
          new String[] {"retained WAL (bytes)", "pgpipe_slot_retained_wal_bytes", "max"},
          new String[] {"queue depth", "pgpipe_queue_depth", "max"},
          new String[] {"JetStream published", "pgpipe_jetstream_published_total", "sum"},
          new String[] {"JetStream delivered", "pgpipe_jetstream_delivered_total", "sum"},
          new String[] {"sink lag (s)", "pgpipe_jetstream_consumer_lag_seconds", "max"},
          new String[] {"market records", "pgpipe_market_records_total", "sum"},
          new String[] {"live lag (s)", "pgpipe_market_live_lag_seconds", "max"});

  @Option(
      names = {"--url", "--metrics"},
      paramLabel = "URL",
      required = true,
      description = "The instance's endpoint, e.g. http://127.0.0.1:9464.")
  private String url = "";

  @Spec
  @SuppressWarnings("NullAway.Init") // injected by picocli
  private CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    if (!base.startsWith("http://") && !base.startsWith("https://")) {
      throw new ParameterException(spec.commandLine(), "--url: http://host:port, not " + url);
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    PrintWriter out = spec.commandLine().getOut();
    HttpResponse<String> ready = get(http, base + "/ready");
    JsonNode body = JSON.readTree(ready.body());
    out.printf(Locale.ROOT, "ready: %s%n%n", ready.statusCode() == 200 ? "yes" : "no");
    out.printf(Locale.ROOT, "%-10s %-14s %-5s %s%n", "component", "state", "ready", "last error");
    for (Map.Entry<String, JsonNode> component : body.path("components").properties()) {
      JsonNode c = component.getValue();
      out.printf(
          Locale.ROOT,
          "%-10s %-14s %-5s %s%n",
          component.getKey(),
          c.path("state").asText(),
          c.path("ready").asBoolean() ? "yes" : "no",
          c.path("error").isNull() ? "-" : c.path("error").asText());
    }
    PrometheusText metrics = PrometheusText.parse(get(http, base + "/metrics").body());
    out.println();
    for (String[] meter : KEY_METERS) {
      OptionalDouble value = meter[2].equals("max") ? metrics.max(meter[1]) : metrics.sum(meter[1]);
      if (value.isPresent()) {
        out.printf(Locale.ROOT, "%-22s %s%n", meter[0], format(value.getAsDouble()));
      }
    }
    out.flush();
    return ready.statusCode() == 200 ? 0 : 1;
  }

  private static String format(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", (long) value)
        : String.format(Locale.ROOT, "%,.3f", value);
  }

  private HttpResponse<String> get(HttpClient http, String address) throws IOException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(5)).build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + address, e);
    } catch (IOException e) {
      throw new IOException("nothing answers at " + address + ": " + describe(e), e);
    }
  }

  private static String describe(@Nullable Throwable e) {
    return e == null || e.getMessage() == null ? "connection refused" : e.getMessage();
  }
}
