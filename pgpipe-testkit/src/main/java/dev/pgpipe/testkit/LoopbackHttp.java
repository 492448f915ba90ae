package dev.pgpipe.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks a running command's HTTP endpoint on the loopback, over real HTTP, as a probe would. */
public final class LoopbackHttp {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private LoopbackHttp() {}

  /**
   * One answer.
   *
   * @param status the HTTP status, -1 when nothing answered
   * @param body the body, or what went wrong when nothing answered
   */
  public record Answer(int status, String body) {}

  /** GET {@code path} on {@code 127.0.0.1:port}, waiting at most 5 s for the answer. */
  public static Answer get(int port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(5))
            .build();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }
}
