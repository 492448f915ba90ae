package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Test helpers around {@link ChangeStream}. */
final class Streams {

  private Streams() {}

  static CdcConfig.Builder config(TestDatabase database, String slot) {
    CdcConfig.Builder builder =
        CdcConfig.builder()
            .url(database.url())
            .slot(slot)
            .publication(slot)
            .snapshot(SnapshotMode.NEVER);
    builder
        .tuning()
        .statusInterval(Duration.ofMillis(200))
        .backoff(Duration.ofMillis(20), Duration.ofMillis(200));
    return builder;
  }

  /** Polls until {@code count} transactions (last parts) arrived, acknowledging each. */
  static List<Transaction> take(ChangeStream stream, int count) {
    return take(stream, count, stream::acknowledge);
  }

  static List<Transaction> take(ChangeStream stream, int count, Consumer<Transaction> ack) {
    List<Transaction> taken = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    int complete = 0;
    while (complete < count) {
      assertThat(System.nanoTime())
          .as("waiting for %d transactions, got %s", count, taken)
          .isLessThan(deadline);
      Transaction tx = stream.poll(Duration.ofMillis(100));
      if (tx != null) {
        taken.add(tx);
        ack.accept(tx);
        complete += tx.lastPart() ? 1 : 0;
      }
    }
    return taken;
  }

  static long confirmedFlush(TestDatabase database, String slot) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT coalesce(confirmed_flush_lsn - '0/0', 0)::int8 FROM pg_replication_slots"
                    + " WHERE slot_name = '"
                    + slot
                    + "'")) {
      return rs.next() ? rs.getLong(1) : -1;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static long scalarLong(TestDatabase database, String sql) {
    try (Connection c = database.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
