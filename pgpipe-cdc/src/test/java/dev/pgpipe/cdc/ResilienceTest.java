package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

@WithPostgres
class ResilienceTest {

  private static void terminateWalSender(TestDatabase database, String slot) {
    database.execute(
        "SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots"
            + " WHERE slot_name = '"
            + slot
            + "' AND active_pid IS NOT NULL");
  }

  private static List<Integer> ids(List<Transaction> txs) {
    List<Integer> ids = new ArrayList<>();
    for (Transaction tx : txs) {
      for (ChangeEvent e : tx.events()) {
        ids.add((Integer) java.util.Objects.requireNonNull(e.after()).get("id"));
      }
    }
    return ids;
  }

  @Test
  void reconnectsAfterTheServerDropsTheConnectionWithoutLosingOrRepeatingTransactions(
      TestDatabase database) {
    database.execute("CREATE TABLE r (id int PRIMARY KEY)");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "reconnect").build())) {
      for (int i = 1; i <= 5; i++) {
        database.execute("INSERT INTO r VALUES (" + i + ")");
      }
      List<Transaction> before = Streams.take(stream, 3);
      Await.until("walsender active", Duration.ofSeconds(10), () -> active(database, "reconnect"));
      terminateWalSender(database, "reconnect");
      for (int i = 6; i <= 8; i++) {
        database.execute("INSERT INTO r VALUES (" + i + ")");
      }
      List<Transaction> after = Streams.take(stream, 5);
      List<Integer> all = ids(before);
      all.addAll(ids(after));
      assertThat(all).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
      assertThat(stream.stats().reconnects()).isGreaterThanOrEqualTo(1);
    }
  }

  private static boolean active(TestDatabase database, String slot) {
    return Streams.scalarLong(
            database,
            "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = '" + slot + "'")
        == 1;
  }

  @Test
  void restartedReaderResumesAfterWhatWasAcknowledgedAndRedeliversTheRest(TestDatabase database) {
    database.execute("CREATE TABLE k (id int PRIMARY KEY)");
    CdcConfig config = Streams.config(database, "restart").build();
    Set<Integer> acknowledged = new HashSet<>();
    try (ChangeStream first = ChangeStream.open(config)) {
      for (int i = 1; i <= 6; i++) {
        database.execute("INSERT INTO k VALUES (" + i + ")");
      }
      List<Transaction> taken = Streams.take(first, 4, tx -> {});
      for (Transaction tx : taken.subList(0, 3)) {
        first.acknowledge(tx);
        acknowledged.addAll(ids(List.of(tx)));
      }
    }
    try (ChangeStream second = ChangeStream.open(config)) {
      List<Integer> again = ids(Streams.take(second, 3));
      assertThat(again).containsExactly(4, 5, 6).doesNotContainAnyElementsOf(acknowledged);
    }
  }

  @Test
  void waitsOutASlotStillActiveForAnotherProcess(TestDatabase database) {
    database.execute("CREATE TABLE busy (id int PRIMARY KEY)");
    CdcConfig config = Streams.config(database, "busy").build();
    try (ChangeStream first = ChangeStream.open(config)) {
      Await.until("first reader active", Duration.ofSeconds(10), () -> active(database, "busy"));
      try (ChangeStream second = ChangeStream.open(config)) {
        Await.until(
            "second reader retrying",
            Duration.ofSeconds(10),
            () -> second.stats().reconnects() >= 2);
        first.close();
        database.execute("INSERT INTO busy VALUES (1)");
        assertThat(ids(Streams.take(second, 1))).containsExactly(1);
      }
    }
  }

  @Test
  void aDroppedSlotStopsTheReaderWithAClearError(TestDatabase database) {
    database.execute("CREATE TABLE gone (id int PRIMARY KEY)");
    try (ChangeStream stream = ChangeStream.open(Streams.config(database, "gone").build())) {
      Await.until("reader active", Duration.ofSeconds(10), () -> active(database, "gone"));
      Slots.drop(ResilienceTest.settings(database), "gone", true);
      assertThatThrownBy(
              () -> {
                while (true) {
                  stream.poll(Duration.ofMillis(50));
                }
              })
          .isInstanceOf(CdcException.class)
          .hasMessageContaining("gone does not exist")
          .hasMessageContaining("--snapshot initial");
      assertThat(stream.isFinished()).isTrue();
    }
    assertThatThrownBy(
            () -> ChangeStream.open(Streams.config(database, "gone").createSlot(false).build()))
        .isInstanceOf(CdcException.class)
        .satisfies(e -> assertThat(((CdcException) e).slot()).isEqualTo("gone"));
  }

  static dev.pgpipe.client.ConnectionSettings settings(TestDatabase database) {
    return dev.pgpipe.client.ConnectionSettings.parse(database.url());
  }

  @Test
  void slowSinkKeepsTheConnectionAliveBeyondTheWalSenderTimeout(TestDatabase database) {
    database.execute("CREATE TABLE slow (id int PRIMARY KEY)");
    CdcConfig.Builder config = Streams.config(database, "slow");
    config.tuning().walSenderTimeout(Duration.ofSeconds(1)).queueCapacity(1);
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      for (int i = 1; i <= 4; i++) {
        database.execute("INSERT INTO slow VALUES (" + i + ")");
      }
      Transaction first = java.util.Objects.requireNonNull(stream.poll(Duration.ofSeconds(10)));
      long pauseUntil = System.nanoTime() + Duration.ofMillis(3000).toNanos();
      while (System.nanoTime() < pauseUntil) {
        LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
      }
      stream.acknowledge(first);
      List<Transaction> rest = Streams.take(stream, 3);
      assertThat(ids(rest)).containsExactly(2, 3, 4);
      assertThat(stream.stats().reconnects()).isZero();
    }
  }
}
