package dev.pgpipe.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A scripted Historical API on loopback (the JDK's HttpServer): answers each request with the next
 * scripted answer, after checking basic auth (401 without the right key), and records every
 * request's path and decoded form. Bodies go out in chunks of {@code chunk} bytes, flushed one by
 * one; an answer may end its body early ({@link Answer#cutAt}, {@link Answer#stallAt}, {@link
 * Answer#dropAt}). For the Historical API's tests in {@code pgpipe-dbn} and {@code pgpipe-market}.
 */
public final class MockHistorical implements AutoCloseable {

  /** How a body that is not sent whole ends. */
  public enum Ending {
    /** The body is sent whole. */
    WHOLE,
    /** The (chunked) body ends properly after the bytes sent: a stream that just stops. */
    CUT,
    /** Nothing more is sent while the connection stays open, until the server closes. */
    STALL,
    /** The whole length is announced, fewer bytes are sent, and the connection is closed. */
    DROP
  }

  /**
   * One scripted answer.
   *
   * @param sent the bytes of the body sent (all of them for {@link Ending#WHOLE})
   * @param ending how the body ends
   */
  public record Answer(
      int status, byte[] body, Map<String, String> headers, int sent, Ending ending) {
    public static Answer of(int status, String body) {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      return new Answer(status, bytes, Map.of(), bytes.length, Ending.WHOLE);
    }

    public static Answer bytes(byte[] body) {
      return new Answer(200, body, Map.of(), body.length, Ending.WHOLE);
    }

    public Answer header(String name, String value) {
      Map<String, String> more = new LinkedHashMap<>(headers);
      more.put(name, value);
      return new Answer(status, body, more, sent, ending);
    }

    /** Ends the body properly after {@code bytes}: the client sees the stream stop mid-way. */
    public Answer cutAt(int bytes) {
      return new Answer(status, body, headers, bytes, Ending.CUT);
    }

    /** Sends {@code bytes} of the body, then nothing more while the connection stays open. */
    public Answer stallAt(int bytes) {
      return new Answer(status, body, headers, bytes, Ending.STALL);
    }

    /** Sends {@code bytes} of the announced body, then closes the connection. */
    public Answer dropAt(int bytes) {
      return new Answer(status, body, headers, bytes, Ending.DROP);
    }
  }

  /** One request as the server saw it. */
  public record Seen(String path, String authorization, String accept, Map<String, String> form) {}

  private final HttpServer server;
  private final String expectedAuth;
  private final int chunk;
  private final Deque<Function<Map<String, String>, Answer>> script = new ArrayDeque<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

  public MockHistorical(String apiKey, int chunk) throws IOException {
    this.expectedAuth =
        "Basic "
            + Base64.getEncoder().encodeToString((apiKey + ":").getBytes(StandardCharsets.UTF_8));
    this.chunk = chunk;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(handlers); // a stalled answer holds its own thread only
    server.start();
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers the next request with {@code answer}. */
  public synchronized MockHistorical then(Answer answer) {
    script.add(form -> answer);
    return this;
  }

  /** Answers the next request with what {@code answer} makes of its form. */
  public synchronized MockHistorical then(Function<Map<String, String>, Answer> answer) {
    script.add(answer);
    return this;
  }

  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
    String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
    Map<String, String> form = form(body);
    seen.add(new Seen(exchange.getRequestURI().getPath(), auth, accept, form));
    Answer answer;
    if (!auth.equals(expectedAuth)) {
      answer =
          Answer.of(401, "{\"detail\":\"Authorization failed: illegal chars in username.\"}")
              .header("request-id", "req-401");
    } else {
      synchronized (this) {
        Function<Map<String, String>, Answer> next = script.poll();
        answer = next == null ? Answer.of(500, "script ended") : next.apply(form);
      }
    }
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    send(exchange, answer);
  }

  /**
   * Sends the answer's body as its ending says: chunked, except a dropped answer, which announces
   * its length and closes the connection before reaching it.
   */
  private void send(HttpExchange exchange, Answer answer) throws IOException {
    boolean drop = answer.ending() == Ending.DROP;
    exchange.sendResponseHeaders(answer.status(), drop ? answer.body().length : 0);
    OutputStream out = exchange.getResponseBody();
    try {
      int end = answer.sent();
      for (int at = 0; at < end; at += chunk) {
        out.write(answer.body(), at, Math.min(chunk, end - at));
        out.flush();
      }
      if (answer.ending() == Ending.STALL) {
        closing.await();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      exchange.close(); // the client went away
      return;
    }
    if (drop) {
      // thrown out of the handler, it makes the server close the connection short of the length
      throw new IOException("the connection drops here, as scripted");
    }
    out.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body.isEmpty()) {
      return form;
    }
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    handlers.shutdownNow();
  }
}
