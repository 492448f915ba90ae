package dev.pgpipe.bench.cdc;

import dev.pgpipe.client.ConnectionSettings;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.postgresql.PGConnection;
import org.postgresql.replication.PGReplicationStream;

/**
 * The limit for a Java reader: pgjdbc's replication stream with pgoutput, counting Insert ('I')
 * messages and decoding nothing. With {@code binary} the server sends column values in their binary
 * send format instead of text (protocol option {@code binary}, PostgreSQL 14+).
 */
final class BareReader implements Reader {

  private final Connection connection;
  private final PGReplicationStream stream;
  private final Thread thread;
  private volatile boolean stopping;

  private BareReader(Connection connection, PGReplicationStream stream, Progress progress) {
    this.connection = connection;
    this.stream = stream;
    this.thread = Thread.ofPlatform().name("bench-bare").start(() -> consume(progress));
  }

  static BareReader start(
      ConnectionSettings settings, String slot, boolean binary, Progress progress) {
    Connection connection = Workload.connect(settings, true);
    try {
      PGReplicationStream stream =
          connection
              .unwrap(PGConnection.class)
              .getReplicationAPI()
              .replicationStream()
              .logical()
              .withSlotName(slot)
              .withSlotOption("proto_version", "1")
              .withSlotOption("publication_names", Workload.PUBLICATION)
              .withSlotOption("binary", binary)
              .withStatusInterval(1, TimeUnit.SECONDS)
              .start();
      return new BareReader(connection, stream, progress);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new IllegalStateException("bare reader: " + e.getMessage(), e);
    }
  }

  private void consume(Progress progress) {
    try {
      while (!stopping) {
        ByteBuffer message = stream.readPending();
        if (message == null) {
          stream.setFlushedLSN(stream.getLastReceiveLSN());
          LockSupport.parkNanos(100_000L);
        } else if (message.get(message.position()) == 'I') {
          progress.delivered(1, -1);
        }
      }
    } catch (SQLException e) {
      progress.fail("bare reader: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    stopping = true;
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      closeQuietly(connection); // ends the copy; the slot becomes inactive
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // the slot is dropped with terminate afterwards
    }
  }
}
