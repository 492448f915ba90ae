package dev.pgpipe.testkit.gateway;

import com.github.luben.zstd.ZstdOutputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The gateway's side of one client connection, driven by a {@link GatewayScript}.
 *
 * <p>Control lines go out as written ({@link #sendLine}, {@link #sendByteByByte} to split them
 * across TCP segments); client lines are read with a 64 KiB limit and parsed as {@code key=value}
 * maps. After {@link #startStream()} the bytes given to {@link #stream} go out plain or in one zstd
 * stream, as the client's {@code compression} asked, flushed after each call. {@link #end()} closes
 * gracefully (FIN after the last byte), {@link #drop()} abruptly (RST). I/O failures throw {@link
 * UncheckedIOException}; protocol surprises throw {@link AssertionError}. Used by one script
 * thread; {@link #bytesStreamed()} may be read from any thread.
 */
public final class GatewaySession implements AutoCloseable {
  /** The challenge {@link #handshake} sends. */
  public static final String CHALLENGE = "t7kNhwj4xqR0QYjzFKtBEG2ec2pXJ4FK";

  private static final int MAX_LINE = 1 << 16;

  private final Socket socket;
  private final int index;
  private final InputStream in;
  private final OutputStream out;
  private final AtomicLong streamed = new AtomicLong();
  private final List<Map<String, String>> subscriptions = new ArrayList<>();
  private @Nullable OutputStream stream;
  private Map<String, String> auth = Map.of();

  GatewaySession(Socket socket, int index) {
    this.socket = socket;
    this.index = index;
    try {
      socket.setTcpNoDelay(true);
      this.in = new BufferedInputStream(socket.getInputStream());
      this.out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot set up the accepted connection", e);
    }
  }

  /** This connection's number, from 0. */
  public int index() {
    return index;
  }

  /** Sends the greeting line {@code lsg_version=0.1.0-mock}. */
  public GatewaySession greet() {
    return sendLine("lsg_version=0.1.0-mock");
  }

  /** Sends {@code cram=<challenge>}. */
  public GatewaySession challenge(String cram) {
    return sendLine("cram=" + cram);
  }

  /** Sends {@code line} and a newline in one write. */
  public GatewaySession sendLine(String line) {
    return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** Sends {@code text} one byte per write and TCP segment, so the client reads it in pieces. */
  public GatewaySession sendByteByByte(String text) {
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      sendBytes(new byte[] {b});
    }
    return this;
  }

  /** Writes raw bytes to the socket (bypassing the stream's compression) and flushes. */
  public GatewaySession sendBytes(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("sending to the client failed", e);
    }
    return this;
  }

  /**
   * Greets, challenges with {@link #CHALLENGE}, reads the authentication line and checks its
   * response against {@code apiKey}; accepts with {@code success=1}, or rejects and fails.
   *
   * @return the fields of the client's authentication line
   */
  public Map<String, String> handshake(String apiKey) {
    greet().challenge(CHALLENGE);
    Map<String, String> fields = readAuth();
    String expected = Cram.response(CHALLENGE, apiKey);
    if (!expected.equals(fields.get("auth"))) {
      reject("Authentication failed.");
      throw new AssertionError("wrong CRAM response in the client's authentication line");
    }
    accept();
    return fields;
  }

  /** Reads the client's authentication line; {@link #auth()} keeps it for {@link #startStream}. */
  public Map<String, String> readAuth() {
    Map<String, String> fields = ControlLines.parse(readLine());
    if (!fields.containsKey("auth")) {
      throw new AssertionError("expected the authentication line, got fields " + fields.keySet());
    }
    auth = fields;
    return fields;
  }

  /** The fields of the authentication line read so far (empty before). */
  public Map<String, String> auth() {
    return auth;
  }

  /** Sends {@code success=1|session_id=mock-<index>}. */
  public GatewaySession accept() {
    return sendLine("success=1|session_id=mock-" + index);
  }

  /** Sends {@code success=0|error=<error>}. */
  public GatewaySession reject(String error) {
    return sendLine("success=0|error=" + error);
  }

  /**
   * Reads subscription lines up to and including {@code start_session}.
   *
   * @return the subscription lines' fields, in order
   */
  public List<Map<String, String>> readSubscriptions() {
    for (String line = readLine(); !line.equals("start_session"); line = readLine()) {
      subscriptions.add(ControlLines.parse(line));
    }
    return List.copyOf(subscriptions);
  }

  /** Reads one line sent by the client, without its newline; fails at end of input. */
  public String readLine() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      for (int b = in.read(); b != '\n'; b = in.read()) {
        if (b < 0) {
          throw new AssertionError("the client closed the connection; partial line: " + line);
        }
        if (line.size() >= MAX_LINE) {
          throw new AssertionError("the client sent " + MAX_LINE + " bytes without a newline");
        }
        line.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading from the client failed", e);
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  /**
   * Starts the post-{@code start_session} stream: zstd when the authentication line asked for
   * {@code compression=zstd}, plain otherwise.
   */
  public GatewaySession startStream() {
    try {
      OutputStream buffered = new BufferedOutputStream(new KeepOpen(out), 1 << 16);
      stream = "zstd".equals(auth.get("compression")) ? new ZstdOutputStream(buffered) : buffered;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start zstd compression", e);
    }
    return this;
  }

  /** Sends DBN bytes on the stream and flushes them (a zstd block is flushed, not ended). */
  public GatewaySession stream(byte[] bytes) {
    write(bytes);
    flushStream();
    return this;
  }

  /**
   * Sends {@code block} {@code times} times back to back, flushing only at the end: the fastest way
   * to feed a client, e.g. a block of encoded MBO records for a benchmark. Blocks while the client
   * does not read (TCP backpressure).
   */
  public GatewaySession streamRepeated(byte[] block, long times) {
    for (long i = 0; i < times; i++) {
      write(block);
    }
    flushStream();
    return this;
  }

  private void write(byte[] bytes) {
    OutputStream s = stream;
    if (s == null) {
      throw new IllegalStateException("call startStream() before streaming");
    }
    try {
      s.write(bytes);
      streamed.addAndGet(bytes.length);
    } catch (IOException e) {
      throw new UncheckedIOException("streaming to the client failed", e);
    }
  }

  private void flushStream() {
    try {
      if (stream != null) {
        stream.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("flushing the stream to the client failed", e);
    }
  }

  /** Uncompressed stream bytes handed to the socket so far; readable from any thread. */
  public long bytesStreamed() {
    return streamed.get();
  }

  /**
   * Ends the session gracefully: finishes the zstd frame, sends FIN after the last byte, then waits
   * (up to 10 s) for the client to close its side.
   */
  public void end() {
    try {
      if (stream != null) {
        stream.close(); // finishes the zstd frame and flushes; the socket stays open
      }
      socket.shutdownOutput();
      awaitClientClose(Duration.ofSeconds(10));
    } catch (IOException e) {
      throw new UncheckedIOException("ending the session failed", e);
    } finally {
      close();
    }
  }

  /** Drops the connection abruptly: a TCP reset, as a crashed gateway or a broken link. */
  public void drop() {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot arm the reset", e);
    } finally {
      close();
    }
  }

  /** Reads and discards client bytes until it closes the connection; false on timeout. */
  public boolean awaitClientClose(Duration timeout) {
    try {
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      while (in.read() >= 0) {
        // discard: only the end of the client's input matters here
      }
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true; // a reset from the client closes it too
    }
  }

  /** Closes the socket (FIN, or RST if unread client bytes remain). */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // nothing a script could do about it
    }
  }

  /** Passes writes through and turns close into flush, so ending a zstd frame keeps the socket. */
  private static final class KeepOpen extends FilterOutputStream {
    KeepOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }
}
