package dev.pgpipe.cli;

import dev.pgpipe.testkit.LoopbackHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;

/** Reads a running command's endpoint over real HTTP, as Prometheus or a probe would. */
record Scrape(int status, String body) {

  /** GET {@code path} on the loopback {@code port}; status -1 when nothing answers. */
  static Scrape get(int port, String path) {
    LoopbackHttp.Answer answer = LoopbackHttp.get(port, path);
    return new Scrape(answer.status(), answer.body());
  }

  /** A free loopback port (free when asked). */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The value of the sample {@code name} whose labels include {@code labels}, if present. */
  OptionalDouble value(String name, Map<String, String> labels) {
    return body.lines()
        .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(
            line ->
                labels.entrySet().stream()
                    .allMatch(l -> line.contains(l.getKey() + "=\"" + l.getValue() + "\"")))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .findFirst();
  }

  /**
   * Waits until the sample {@code name} with {@code labels} on {@code port} reads {@code expected};
   * on timeout the error shows the pgpipe samples of the last scrape.
   */
  static void awaitValue(int port, String name, Map<String, String> labels, double expected) {
    Scrape[] last = {new Scrape(-1, "")};
    try {
      dev.pgpipe.testkit.Await.until(
          name + labels + " = " + expected,
          Duration.ofSeconds(30),
          () -> {
            Scrape now = get(port, "/metrics");
            last[0] = now.status() == 200 ? now : last[0];
            return now.valueOr(name, labels) == expected;
          });
    } catch (AssertionError e) {
      String samples =
          String.join("\n", last[0].body().lines().filter(l -> l.startsWith("pgpipe_")).toList());
      throw new AssertionError(
          e.getMessage()
              + "; last scrape ("
              + last[0].status()
              + "):\n"
              + (samples.isEmpty() ? last[0].body() : samples),
          e);
    }
  }

  /**
   * Waits until {@code /ready} on {@code port} answers 503 with {@code component} not ready in
   * state {@code state}; on timeout the error shows the last answer.
   */
  static void awaitNotReady(int port, String component, String state) {
    String expected = "\"" + component + "\":{\"state\":\"" + state + "\",\"ready\":false";
    Scrape[] last = {new Scrape(-1, "")};
    try {
      dev.pgpipe.testkit.Await.until(
          "/ready 503 with " + expected,
          Duration.ofSeconds(30),
          () -> {
            last[0] = get(port, "/ready");
            return last[0].status() == 503 && last[0].body().contains(expected);
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage() + "; last answer (" + last[0].status() + "): " + last[0].body(), e);
    }
  }

  /** The value, or -1 when absent. */
  double valueOr(String name, Map<String, String> labels) {
    return value(name, labels).orElse(-1);
  }
}
