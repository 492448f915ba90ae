package dev.pgpipe.dbn.hist;

import dev.pgpipe.dbn.live.ApiKey;
import dev.pgpipe.dbn.live.ReconnectPolicy;
import dev.pgpipe.dbn.live.Sleeper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Consumer;

/**
 * Databento's Historical HTTP API: {@link #getRange} streams {@code timeseries.get_range} as zstd
 * DBN (the caller reads the body as it arrives, nothing is buffered whole); {@link #recordCount},
 * {@link #billableSize} and {@link #cost} are the metadata calls about a request; {@link #resolve}
 * is {@code symbology.resolve}. Requests use HTTP basic auth with the API key, JDK {@link
 * HttpClient}, 100 s to connect, 100 s to the answer's headers, and 100 s at most between two reads
 * of a streamed body (as the official clients).
 *
 * <p>A 429, 503 or 504 is retried after its {@code Retry-After} (seconds), never longer than the
 * retry policy's {@code maxDelay}, at most {@code maxAttempts} attempts in all; any other status of
 * 400 and above throws {@link HistoricalException} with the server's detail and request id. Every
 * {@code X-Warning} goes to the warning handler. The key is never logged or put in a message.
 * Thread-safe.
 */
public final class HistoricalClient {

  /** The production gateway. */
  public static final URI DEFAULT_BASE = URI.create("https://hist.databento.com");

  private static final Duration TIMEOUT = Duration.ofSeconds(100);

  private final HttpClient http;
  private final URI base;
  private final ApiKey key;
  private final Consumer<String> warnings;
  private final ReconnectPolicy retry;
  private final Sleeper sleeper;
  private final String userAgent;
  private final Duration readTimeout;

  private HistoricalClient(Builder b) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    this.base = b.base;
    this.key = b.key;
    this.warnings = b.warnings;
    this.retry = b.retry;
    this.sleeper = b.sleeper;
    this.readTimeout = b.readTimeout;
    this.userAgent =
        "Databento/0.1 Java/"
            + System.getProperty("java.version")
            + " "
            + System.getProperty("os.name")
            + "/"
            + System.getProperty("os.version");
  }

  /** A client with {@code key}; see {@link Builder} for the rest. */
  public static Builder builder(ApiKey key) {
    return new Builder(key);
  }

  /**
   * Starts {@code timeseries.get_range} and returns the body (zstd DBN) as it streams; the caller
   * closes it. A read that waits longer than the read timeout for the next byte throws an {@link
   * IOException} instead of hanging (as does every answer's body this client reads).
   */
  public InputStream getRange(RangeRequest request) {
    InputStream body =
        post("timeseries.get_range", request.rangeForm(), "application/octet-stream").body();
    return new IdleTimeoutStream(body, readTimeout, "timeseries.get_range");
  }

  /** {@code metadata.get_record_count}: the records the request would return. */
  public long recordCount(RangeRequest request) {
    return number("metadata.get_record_count", request.metadataForm()).longValueExact();
  }

  /** {@code metadata.get_billable_size}: the uncompressed bytes the request would be billed for. */
  public long billableSize(RangeRequest request) {
    Map<String, String> form = request.metadataForm();
    form.put("stype_out", "instrument_id");
    return number("metadata.get_billable_size", form).longValueExact();
  }

  /** {@code metadata.get_cost}: what the request would cost, in US dollars. */
  public BigDecimal cost(RangeRequest request) {
    Map<String, String> form = request.metadataForm();
    form.put("stype_out", "instrument_id");
    return number("metadata.get_cost", form);
  }

  /** {@code symbology.resolve}: how the symbols map over {@code [startDate, endDate)}. */
  public Resolution resolve(
      String dataset,
      List<String> symbols,
      String stypeIn,
      String stypeOut,
      String startDate,
      String endDate) {
    Map<String, String> form =
        new java.util.LinkedHashMap<>(
            Map.of(
                "dataset", dataset,
                "symbols", String.join(",", symbols),
                "stype_in", stypeIn,
                "stype_out", stypeOut,
                "start_date", startDate,
                "end_date", endDate));
    return Resolution.of(Json.parse(text("symbology.resolve", form)));
  }

  private BigDecimal number(String path, Map<String, String> form) {
    String body = text(path, form);
    if (Json.parse(body) instanceof BigDecimal value) {
      return value;
    }
    throw new HistoricalException(
        path + " answered " + ErrorBody.shorten(body) + ", not a number", 200, null, null);
  }

  private String text(String path, Map<String, String> form) {
    try (InputStream body =
        new IdleTimeoutStream(post(path, form, "application/json").body(), readTimeout, path)) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new HistoricalException(path + ": reading the answer failed: " + e.getMessage(), e);
    }
  }

  private HttpResponse<InputStream> post(String path, Map<String, String> form, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/v0/" + path))
            .timeout(TIMEOUT)
            .header("Authorization", key.basicAuthorization())
            .header("Accept", accept)
            .header("User-Agent", userAgent)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
            .build();
    for (int attempt = 1; ; attempt++) {
      HttpResponse<InputStream> response = send(path, request);
      response
          .headers()
          .allValues("x-warning")
          .forEach(h -> ErrorBody.warnings(h).forEach(warnings));
      int status = response.statusCode();
      if (status < 400) {
        return response;
      }
      String body = drain(response, path);
      boolean again = status == 429 || status == 503 || status == 504;
      if (!again || attempt >= retry.maxAttempts()) {
        String requestId = response.headers().firstValue("request-id").orElse(null);
        throw ErrorBody.exception(path, status, body, requestId);
      }
      pause(retryAfter(response, attempt));
    }
  }

  private HttpResponse<InputStream> send(String path, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new HistoricalException(path + ": no answer from " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HistoricalException(path + ": interrupted", e);
    }
  }

  private Duration retryAfter(HttpResponse<?> response, int attempt) {
    Duration wait = retry.delayAfter(attempt);
    String header = response.headers().firstValue("retry-after").orElse("");
    try {
      wait = Duration.ofSeconds(Long.parseLong(header.strip()));
    } catch (NumberFormatException e) {
      // absent or an HTTP date: the policy's delay
    }
    return wait.compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : wait;
  }

  private void pause(Duration wait) {
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HistoricalException("interrupted while waiting to retry", e);
    }
  }

  /** At most 64 KiB of an error body, as text. */
  private String drain(HttpResponse<InputStream> response, String path) {
    try (InputStream in = new IdleTimeoutStream(response.body(), readTimeout, path)) {
      return new String(in.readNBytes(64 << 10), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  static String encode(Map<String, String> form) {
    StringJoiner out = new StringJoiner("&");
    form.forEach(
        (name, value) ->
            out.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(value, StandardCharsets.UTF_8)));
    return out.toString();
  }

  /** Configures a {@link HistoricalClient}. Not thread-safe. */
  public static final class Builder {
    private final ApiKey key;
    private URI base = DEFAULT_BASE;
    private Consumer<String> warnings = w -> {};
    private ReconnectPolicy retry =
        ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(60), 5);
    private Sleeper sleeper = Sleeper.system();
    private Duration readTimeout = TIMEOUT;

    private Builder(ApiKey key) {
      this.key = key;
    }

    /** Another gateway, e.g. a test server's {@code http://127.0.0.1:port}. */
    public Builder baseUrl(URI url) {
      this.base = url;
      return this;
    }

    /** Receives each warning of an {@code X-Warning} header ({@code "Category: message"}). */
    public Builder warnings(Consumer<String> handler) {
      this.warnings = handler;
      return this;
    }

    /**
     * How 429, 503 and 504 are retried: attempts in all and the longest wait (default 5 attempts,
     * at most 60 s apart; the server's {@code Retry-After} when it sends one, else 1 s doubling).
     */
    public Builder retry(ReconnectPolicy policy) {
      this.retry = policy;
      return this;
    }

    /** What waits before a retry; tests inject one that does not sleep. */
    public Builder sleeper(Sleeper waits) {
      this.sleeper = waits;
      return this;
    }

    /** The longest wait for the next byte of a streamed body (default 100 s). */
    public Builder readTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the read timeout must be positive: " + timeout);
      }
      this.readTimeout = timeout;
      return this;
    }

    public HistoricalClient build() {
      return new HistoricalClient(this);
    }
  }
}
