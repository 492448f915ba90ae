package dev.pgpipe.testkit.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A scripted Databento live gateway on {@code 127.0.0.1} and an ephemeral port.
 *
 * <p>Give it one {@link GatewayScript} per connection the test expects with {@link #serve}; the
 * n-th accepted connection runs the n-th script on a virtual thread, and connections beyond the
 * scripts are closed at once (a refused reconnect). Then point the client at {@link #address()}
 * and, at the end, call {@link #awaitScripts} to wait for the scripts and rethrow their failures.
 *
 * <pre>{@code
 * try (MockGateway gateway = MockGateway.start()) {
 *   gateway.serve(session -> {
 *     session.handshake(KEY);                       // greeting, challenge, auth check, success
 *     List<Map<String, String>> subs = session.readSubscriptions();
 *     session.startStream();                        // plain or zstd, as the client asked
 *     session.stream(dbnBytes);
 *     session.end();
 *   });
 *   ... run the client against gateway.address() ...
 *   gateway.awaitScripts(Duration.ofSeconds(10));
 * }
 * }</pre>
 *
 * Thread-safe.
 */
public final class MockGateway implements AutoCloseable {
  private final ServerSocket server;
  private final List<GatewayScript> scripts = new ArrayList<>();
  private final List<CompletableFuture<Void>> runs = new ArrayList<>();
  private final List<GatewaySession> sessions = new ArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private final Thread acceptor;

  private MockGateway(ServerSocket server) {
    this.server = server;
    this.acceptor = Thread.ofVirtual().name("mock-gateway-acceptor").start(this::acceptLoop);
  }

  /** Starts listening on {@code 127.0.0.1} and an ephemeral port. */
  public static MockGateway start() {
    try {
      return new MockGateway(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on the loopback interface", e);
    }
  }

  /** {@code "127.0.0.1:<port>"}, the form a client's gateway override takes. */
  public String address() {
    return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
  }

  /** The listening port. */
  public int port() {
    return server.getLocalPort();
  }

  /** Adds scripts for the next connections, in order. */
  public synchronized void serve(GatewayScript... next) {
    for (GatewayScript script : next) {
      scripts.add(script);
      runs.add(new CompletableFuture<>());
    }
  }

  /** How many connections were accepted so far, scripted or not. */
  public int connections() {
    return accepted.get();
  }

  /** The session of the n-th connection (from 0), once accepted. */
  public synchronized GatewaySession session(int n) {
    return sessions.get(n);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      int n = accepted.getAndIncrement();
      dispatch(n, socket);
    }
  }

  private synchronized void dispatch(int n, Socket socket) {
    if (n >= scripts.size()) {
      closeQuietly(socket);
      return;
    }
    GatewaySession session = new GatewaySession(socket, n);
    sessions.add(session);
    GatewayScript script = scripts.get(n);
    CompletableFuture<Void> run = runs.get(n);
    Thread.ofVirtual().name("mock-gateway-" + n).start(() -> play(script, session, run));
  }

  private static void play(
      GatewayScript script, GatewaySession session, CompletableFuture<Void> run) {
    try (session) {
      script.run(session);
      run.complete(null);
    } catch (Throwable t) {
      run.completeExceptionally(t);
    }
  }

  /**
   * Waits until every script given so far has run to its end, and rethrows the first failure (an
   * {@link AssertionError} as it is); fails if a script did not finish within {@code timeout}.
   */
  public void awaitScripts(Duration timeout) {
    List<CompletableFuture<Void>> all;
    synchronized (this) {
      all = List.copyOf(runs);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int i = 0; i < all.size(); i++) {
      try {
        all.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        throw rethrown(i, e.getCause());
      } catch (TimeoutException e) {
        throw new AssertionError("gateway script " + i + " did not finish within " + timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for gateway script " + i, e);
      }
    }
  }

  private static RuntimeException rethrown(int script, @Nullable Throwable cause) {
    if (cause instanceof AssertionError a) {
      throw a;
    }
    if (cause instanceof RuntimeException r) {
      return r;
    }
    return new IllegalStateException("gateway script " + script + " failed: " + cause, cause);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing to do: the connection is being refused anyway
    }
  }

  /** Stops listening and closes every session. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // closing a listening socket does not fail in a way a test can act on
    }
    List<GatewaySession> open;
    synchronized (this) {
      open = List.copyOf(sessions);
    }
    open.forEach(GatewaySession::close);
    try {
      acceptor.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
