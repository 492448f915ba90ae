package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.TestServer;
import dev.pgpipe.testkit.WithPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Real restarts of the source server under a running reader (not just a killed walsender).
 *
 * <p>A clean (fast) shutdown waits until every logical replication client has confirmed all it was
 * sent, so a reader holding unacknowledged transactions delays it: the graceful case acknowledges
 * everything first. The crash case kills the server with a transaction in flight.
 */
@WithPostgres
class ServerRestartTest {

  private static List<Integer> ids(List<Transaction> transactions) {
    List<Integer> ids = new ArrayList<>();
    for (Transaction tx : transactions) {
      for (ChangeEvent event : tx.events()) {
        ids.add((Integer) Objects.requireNonNull(event.after()).get("id"));
      }
    }
    return ids;
  }

  private static void insert(TestDatabase database, String table, int... ids) {
    for (int id : ids) {
      database.execute("INSERT INTO " + table + " VALUES (" + id + ")");
    }
  }

  @Test
  void readerSurvivesACleanServerRestart(TestDatabase database) {
    database.execute("CREATE TABLE graceful (id int PRIMARY KEY)");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "graceful").build())) {
      insert(database, "graceful", 1, 2, 3);
      List<Transaction> before = Streams.take(stream, 3);

      TestServer.get().restart();
      insert(database, "graceful", 4, 5);
      List<Transaction> after = Streams.take(stream, 2);

      List<Integer> all = ids(before);
      all.addAll(ids(after));
      assertThat(all).containsExactly(1, 2, 3, 4, 5);
      assertThat(stream.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void readerSurvivesAServerCrashWithATransactionInFlight(TestDatabase database) {
    database.execute("CREATE TABLE crashed (id int PRIMARY KEY)");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "crashed").build())) {
      insert(database, "crashed", 1, 2, 3);
      List<Transaction> before = Streams.take(stream, 3);
      insert(database, "crashed", 4); // committed, not yet taken nor acknowledged

      TestServer.get().crashAndRestart();
      insert(database, "crashed", 5, 6);
      List<Transaction> after = Streams.take(stream, 3);

      List<Integer> all = ids(before);
      all.addAll(ids(after));
      assertThat(all).containsExactly(1, 2, 3, 4, 5, 6);
      assertThat(stream.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }
  }
}
