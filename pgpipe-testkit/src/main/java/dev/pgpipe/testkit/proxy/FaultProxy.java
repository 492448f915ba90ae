package dev.pgpipe.testkit.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * A TCP proxy on a free loopback port in front of a server, for tests of lost connections.
 *
 * <p>Every connection to {@link #port()} is relayed to the target. {@link #cutAll()} cuts every
 * open connection at once; {@link #cutWhenServerSends(byte[])} arms a one-shot trap that cuts the
 * connection whose server side sends the pattern, <em>before</em> the client receives it — so the
 * client never learns what the server did. Threads are virtual; {@link #close()} stops everything.
 * Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

  /**
   * PostgreSQL's CommandComplete message for COMMIT: the server has committed, the client not yet
   * told. Use with {@link #cutWhenServerSends(byte[])} to lose a commit acknowledgement.
   */
  public static final byte[] POSTGRES_COMMIT_COMPLETE = commandComplete("COMMIT");

  private final InetSocketAddress target;
  private final ServerSocket listener;
  private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
  private final AtomicReference<byte @Nullable []> trap = new AtomicReference<>();
  private final AtomicInteger cuts = new AtomicInteger();
  private final Thread acceptor;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = Thread.ofVirtual().name("fault-proxy-accept").start(this::acceptLoop);
  }

  /** Starts a proxy in front of {@code host:port}. */
  public static FaultProxy start(String host, int port) {
    try {
      return new FaultProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the proxy's listening socket", e);
    }
  }

  /** The loopback port clients connect to instead of the target's. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Cuts every open connection now; new connections are still accepted. */
  public void cutAll() {
    for (Relay relay : relays) {
      cut(relay);
    }
  }

  /**
   * Cuts, once, the first connection whose server side sends {@code pattern}, before the bytes
   * holding it reach the client.
   */
  public void cutWhenServerSends(byte[] pattern) {
    if (pattern.length == 0) {
      throw new IllegalArgumentException("the pattern must not be empty");
    }
    trap.set(pattern.clone());
  }

  /** How many connections the proxy has cut so far. */
  public int cuts() {
    return cuts.get();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(target, 10_000);
        Relay relay = new Relay(client, server);
        relays.add(relay);
        Thread.ofVirtual().start(() -> pump(relay, true));
        Thread.ofVirtual().start(() -> pump(relay, false));
      } catch (IOException e) {
        if (listener.isClosed()) {
          return;
        }
      }
    }
  }

  private void pump(Relay relay, boolean serverToClient) {
    Socket from = serverToClient ? relay.server() : relay.client();
    Socket to = serverToClient ? relay.client() : relay.server();
    byte[] buffer = new byte[1 << 16];
    PatternWindow window = new PatternWindow();
    try (var in = from.getInputStream();
        var out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (serverToClient && window.matches(trap.get(), buffer, n) && trapFired()) {
          cut(relay);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // One side closed or was cut: close both below.
    }
    close(relay);
  }

  private boolean trapFired() {
    return trap.getAndSet(null) != null;
  }

  private void cut(Relay relay) {
    cuts.incrementAndGet();
    close(relay);
  }

  private void close(Relay relay) {
    relays.remove(relay);
    closeQuietly(relay.client());
    closeQuietly(relay.server());
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // Already closed.
    }
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException e) {
      // Closing anyway.
    }
    cutAll();
    acceptor.interrupt();
  }

  private static byte[] commandComplete(String tag) {
    byte[] text = (tag + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] message = new byte[5 + text.length];
    message[0] = 'C';
    int length = 4 + text.length;
    message[1] = (byte) (length >>> 24);
    message[2] = (byte) (length >>> 16);
    message[3] = (byte) (length >>> 8);
    message[4] = (byte) length;
    System.arraycopy(text, 0, message, 5, text.length);
    return message;
  }

  private record Relay(Socket client, Socket server) {}
}
