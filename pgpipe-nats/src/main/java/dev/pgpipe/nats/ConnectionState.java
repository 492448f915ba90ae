package dev.pgpipe.nats;

import io.nats.client.Connection;
import org.jspecify.annotations.Nullable;

/**
 * The state of a publisher's or consumer's NATS connection, as a health check reads it: {@code
 * connected}, {@code connecting}, {@code reconnecting} (the server was lost and the client tries
 * again, or waits to) or {@code closed}; and the last connection error the client saw (e.g. {@code
 * java.net.ConnectException: Connection refused}), if any, kept after a reconnect.
 *
 * @param state the connection's state, one of the above
 * @param lastError the last asynchronous connection error, or null
 */
public record ConnectionState(String state, @Nullable String lastError) {

  /** Whether messages can flow now. */
  public boolean connected() {
    return state.equals("connected");
  }

  /** Reads {@code connection}'s status and {@code events}' last error: no I/O. */
  static ConnectionState of(Connection connection, NatsConnections.ConnectionEvents events) {
    Connection.Status status = connection.getStatus();
    String state =
        switch (status) {
          case CONNECTED -> "connected";
          case CONNECTING -> "connecting";
          case DISCONNECTED, RECONNECTING -> "reconnecting"; // in or between attempts
          case CLOSED -> "closed";
        };
    return new ConnectionState(state, events.errors.lastError());
  }
}
