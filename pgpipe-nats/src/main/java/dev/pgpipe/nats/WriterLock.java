package dev.pgpipe.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes sure a stream has one publisher: at start it asks on {@code <prefix>_writer.<stream>} (a
 * core NATS subject, outside every stream) whether a publisher answers, fails when one does, and
 * then answers there itself until closed. Two publishers starting in the same instant can both
 * pass; the first message either stores then meets a stream that grew under it and fails ({@link
 * WindowRecovery}). The answer says which source, host and process hold the stream; it holds no
 * secret.
 */
final class WriterLock implements AutoCloseable {

  private static final Duration ASK = Duration.ofMillis(500);

  private final Connection connection;
  private final Dispatcher dispatcher;

  private WriterLock(Connection connection, Dispatcher dispatcher) {
    this.connection = connection;
    this.dispatcher = dispatcher;
  }

  static String subject(String prefix, String stream) {
    return prefix + "_writer." + stream;
  }

  /**
   * @throws NatsTransportException when another publisher answers for the stream
   */
  static WriterLock acquire(Connection connection, String prefix, String stream, String source) {
    String subject = subject(prefix, stream);
    String holder = ask(connection, subject);
    if (holder != null) {
      throw new NatsTransportException(
          "another pgpipe publisher writes to JetStream stream "
              + stream
              + " ("
              + holder
              + "): a stream keeps a source's order only with one publisher. Stop that one first,"
              + " or publish this source to a stream of its own");
    }
    byte[] me = describe(source).getBytes(StandardCharsets.UTF_8);
    Dispatcher dispatcher =
        connection.createDispatcher(
            (Message m) -> {
              if (m.getReplyTo() != null) {
                connection.publish(m.getReplyTo(), me);
              }
            });
    dispatcher.subscribe(subject);
    return new WriterLock(connection, dispatcher);
  }

  private static @org.jspecify.annotations.Nullable String ask(Connection c, String subject) {
    CompletableFuture<Message> answer = c.requestWithTimeout(subject, new byte[0], ASK);
    try {
      Message m = answer.get(ASK.toMillis() * 2, TimeUnit.MILLISECONDS);
      if (m == null || m.isStatusMessage() || m.getData() == null || m.getData().length == 0) {
        return null;
      }
      return new String(m.getData(), StandardCharsets.UTF_8);
    } catch (ExecutionException | TimeoutException | java.util.concurrent.CancellationException e) {
      return null; // nobody answered: no publisher holds the stream
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NatsTransportException("interrupted while checking for another publisher", e);
    }
  }

  private static String describe(String source) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "unknown host";
    }
    return "source "
        + source
        + " on "
        + host
        + ", process "
        + ProcessHandle.current().pid()
        + ", since "
        + Instant.now();
  }

  @Override
  public void close() {
    if (connection.getStatus() != Connection.Status.CLOSED) {
      connection.closeDispatcher(dispatcher);
    }
  }
}
