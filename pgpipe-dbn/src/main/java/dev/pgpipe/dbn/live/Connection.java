package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DecodeOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One authenticated connection to a gateway: the socket, the control lines before the stream, and
 * the supervised input the DBN stream is read from. Every failure is a {@link LiveException}.
 *
 * <pre>
 *   S: lsg_version=...\n  S: cram=...\n  C: auth=...\n  S: success=1|session_id=...\n
 *   C: schema=...|is_last=1\n ...        C: start_session\n      S: DBN metadata, records ...
 * </pre>
 *
 * {@link #send} may be called from any thread; reading belongs to one thread.
 */
final class Connection implements AutoCloseable {
  /** Lines the gateway may send before its challenge. */
  private static final int MAX_GREETING_LINES = 16;

  private final LiveConfig config;
  private final Socket socket;
  private final String gateway;
  private final WatchedInputStream input;
  private final LineReader lines;
  private final OutputStream out;
  private String sessionId = "";

  private Connection(LiveConfig config, Socket socket) throws IOException {
    this.config = config;
    this.socket = socket;
    this.gateway = config.gateway().toString();
    this.input =
        new WatchedInputStream(
            socket.getInputStream(), config.clock(), config.authTimeout(), "authentication");
    this.lines = new LineReader(input);
    this.out = socket.getOutputStream();
  }

  /** Connects and authenticates; throws {@link LiveException} on any failure. */
  static Connection open(LiveConfig config) {
    Socket socket = connect(config);
    try {
      Connection connection = new Connection(config, socket);
      connection.authenticate();
      return connection;
    } catch (IOException e) {
      closeQuietly(socket);
      throw new LiveException(
          LiveException.Code.CONNECTION_LOST,
          config.gateway().toString(),
          "the connection failed right after opening: " + e.getMessage(),
          e);
    } catch (RuntimeException e) {
      closeQuietly(socket);
      throw e;
    }
  }

  private static Socket connect(LiveConfig config) {
    GatewayAddress address = config.gateway();
    Socket socket = null;
    try {
      socket = config.socketFactory().createSocket();
      socket.connect(
          new InetSocketAddress(address.host(), address.port()),
          Math.toIntExact(config.connectTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(Math.toIntExact(Math.max(1, config.pollInterval().toMillis())));
      return socket;
    } catch (IOException e) {
      if (socket != null) {
        closeQuietly(socket);
      }
      throw new LiveException(
          LiveException.Code.CONNECT_FAILED,
          address.toString(),
          "cannot connect within "
              + config.connectTimeout().toSeconds()
              + " s ("
              + e
              + "); check the dataset, the gateway address and the network",
          e);
    }
  }

  private void authenticate() throws IOException {
    GatewayMessage.Challenge challenge = awaitChallenge();
    send(config.authRequest(challenge.cram()).encode());
    GatewayMessage reply = parse(readLine("the authentication reply"));
    if (!(reply instanceof GatewayMessage.AuthReply auth)) {
      throw protocol("expected success=0|1 after authenticating, got " + reply);
    }
    if (!auth.success()) {
      throw new LiveException(
          LiveException.Code.AUTH_FAILED,
          gateway,
          "the gateway rejected authentication: "
              + auth.error()
              + " (API key ending in "
              + config.apiKey().suffix()
              + ", dataset "
              + config.dataset()
              + "); check the key and that it may stream this dataset",
          null);
    }
    String id = auth.sessionId();
    sessionId = id != null ? id : "";
  }

  private GatewayMessage.Challenge awaitChallenge() throws IOException {
    for (int i = 0; i <= MAX_GREETING_LINES; i++) {
      if (parse(readLine("the challenge")) instanceof GatewayMessage.Challenge challenge) {
        return challenge;
      }
    }
    throw protocol("no cram= challenge within the first " + MAX_GREETING_LINES + " lines");
  }

  private GatewayMessage parse(String line) {
    try {
      return GatewayMessage.parse(line);
    } catch (IllegalArgumentException e) {
      throw protocol(e.getMessage() + " in line '" + printable(line) + "'");
    }
  }

  private String readLine(String waitingFor) {
    String line;
    try {
      line = lines.readLine();
    } catch (IOException e) {
      throw failed(e, waitingFor);
    } catch (IllegalStateException e) {
      throw protocol(e.getMessage() + " while waiting for " + waitingFor);
    }
    if (line == null) {
      throw new LiveException(
          LiveException.Code.CONNECTION_LOST,
          gateway,
          "the gateway closed the connection while the client waited for " + waitingFor,
          null);
    }
    return line;
  }

  private LiveException failed(IOException e, String waitingFor) {
    if (e instanceof SilenceException silence) {
      return new LiveException(
          LiveException.Code.AUTH_TIMEOUT,
          gateway,
          "no answer within " + silence.limit().toSeconds() + " s while waiting for " + waitingFor,
          e);
    }
    return new LiveException(
        LiveException.Code.CONNECTION_LOST,
        gateway,
        "the connection broke while waiting for " + waitingFor + ": " + e.getMessage(),
        e);
  }

  private LiveException protocol(String what) {
    return new LiveException(
        LiveException.Code.PROTOCOL,
        gateway,
        what + "; is this address a Databento live gateway?",
        null);
  }

  private static String printable(String line) {
    String cut = line.length() > 80 ? line.substring(0, 80) + "..." : line;
    return cut.replaceAll("[^\\x20-\\x7E]", "?");
  }

  /** Sends the lines of a subscription. */
  void subscribe(int id, Subscription subscription, boolean withStart) {
    for (String line : subscription.lines(id, withStart)) {
      send(line);
    }
  }

  /**
   * Sends {@code start_session} and reads the stream's metadata; the input then allows the
   * heartbeat silence. Throws {@link dev.pgpipe.dbn.DbnException} when the stream is not DBN.
   */
  DbnDecoder startSession() {
    send("start_session\n");
    input.expect(config.silenceLimit(), "data or a heartbeat");
    return DbnDecoder.of(lines.remainder(), DecodeOptions.defaults().withUpgrade(true));
  }

  synchronized void send(String line) {
    try {
      out.write(line.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw failed(e, "a control line to be sent");
    }
  }

  String sessionId() {
    return sessionId;
  }

  WatchedInputStream input() {
    return input;
  }

  String gateway() {
    return gateway;
  }

  /** Closes the socket; a read blocked on it fails at once. Safe from any thread. */
  @Override
  public void close() {
    closeQuietly(socket);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // closing is best effort: the connection is being abandoned
    }
  }
}
