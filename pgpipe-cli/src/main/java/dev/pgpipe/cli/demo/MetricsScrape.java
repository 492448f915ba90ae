package dev.pgpipe.cli.demo;

import dev.pgpipe.cli.status.PrometheusText;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads the demo's own {@code /metrics}, as Prometheus would, to show that the meters count what
 * the replication did.
 */
final class MetricsScrape {

  private MetricsScrape() {}

  /**
   * The sum of every series of {@code meter} at {@code http://127.0.0.1:port/metrics}.
   *
   * @throws IllegalStateException naming the URL when it does not answer with the meter
   */
  static double sum(int port, String meter) {
    URI uri = URI.create("http://127.0.0.1:" + port + "/metrics");
    String body;
    try (HttpClient client =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
      HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
      body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + uri + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + uri, e);
    }
    return PrometheusText.parse(body)
        .sum(meter)
        .orElseThrow(() -> new IllegalStateException(uri + " has no " + meter));
  }
}
