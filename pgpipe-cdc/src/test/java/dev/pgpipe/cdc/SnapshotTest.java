package dev.pgpipe.cdc;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@WithPostgres
class SnapshotTest {

  /**
   * Writers keep inserting, updating and deleting while the slot is created and the tables are
   * copied. Replaying snapshot rows then streamed changes must give exactly the final table
   * contents: a gap loses a row or fails a delete, a duplicate shows as an insert of a key already
   * there.
   */
  @Test
  void snapshotThenStreamHasNoGapAndNoDuplicateUnderConcurrentWrites(TestDatabase database)
      throws Exception {
    for (String t : List.of("s1", "s2", "s3")) {
      database.execute(
          "CREATE TABLE " + t + " (id int PRIMARY KEY, v int NOT NULL)",
          "INSERT INTO " + t + " SELECT g, 0 FROM generate_series(1, 20000) g");
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger nextId = new AtomicInteger(20001);
    CompletableFuture<Void> writer =
        CompletableFuture.runAsync(
            () -> {
              while (writing.get()) {
                int id = nextId.getAndIncrement();
                int old = id % 20000 + 1;
                database.execute(
                    "BEGIN; INSERT INTO s1 VALUES ("
                        + id
                        + ", 1); UPDATE s2 SET v = v + 1 WHERE id = "
                        + old
                        + "; DELETE FROM s3 WHERE id = "
                        + old
                        + "; COMMIT");
              }
            });
    CdcConfig.Builder config =
        Streams.config(database, "snap")
            .snapshot(SnapshotMode.INITIAL)
            .tables(List.of("s1", "public.s2", "s3"));
    config.tuning().snapshotParallelism(3).maxEventsPerPart(5000);
    Map<String, Map<Object, Object>> replica = new HashMap<>();
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      while (System.nanoTime() < until) {
        apply(stream, replica);
      }
      writing.set(false);
      writer.get();
      database.execute("INSERT INTO s1 VALUES (-1, -1)");
      while (!replica.getOrDefault("s1", Map.of()).containsKey(-1)) {
        apply(stream, replica);
      }
    }
    for (String t : List.of("s1", "s2", "s3")) {
      Map<Object, Object> expected = new HashMap<>();
      try (var c = database.connect();
          var rs = c.createStatement().executeQuery("SELECT id, v FROM " + t)) {
        while (rs.next()) {
          expected.put(rs.getInt(1), rs.getInt(2));
        }
      }
      assertThat(replica.get(t)).as(t).isEqualTo(expected);
    }
    assertThat(nextId.get()).as("writes ran during the snapshot").isGreaterThan(20001);
  }

  private static void apply(ChangeStream stream, Map<String, Map<Object, Object>> replica) {
    Transaction tx = stream.poll(Duration.ofMillis(50));
    if (tx == null) {
      return;
    }
    for (ChangeEvent e : tx.events()) {
      Map<Object, Object> rows =
          replica.computeIfAbsent(requireNonNull(e.table()).name(), k -> new HashMap<>());
      switch (e.operation()) {
        case SNAPSHOT, INSERT -> {
          var after = requireNonNull(e.after());
          assertThat(after).as("%s", e).containsKeys("id", "v");
          Object previous =
              rows.put(requireNonNull(after.get("id")), requireNonNull(after.get("v")));
          assertThat(previous).as("duplicate %s of %s", e.operation(), after).isNull();
        }
        case UPDATE -> {
          var after = requireNonNull(e.after());
          assertThat(rows.put(requireNonNull(after.get("id")), requireNonNull(after.get("v"))))
              .isNotNull();
        }
        case DELETE ->
            assertThat(rows.remove(requireNonNull(requireNonNull(e.before()).get("id"))))
                .isNotNull();
        default -> throw new AssertionError("unexpected " + e);
      }
    }
    stream.acknowledge(tx);
  }

  @Test
  void initialOnlyCopiesTheTablesAndFinishesWithoutASlot(TestDatabase database) {
    database.execute(
        "CREATE TABLE once (id int PRIMARY KEY, tags text[], at timestamptz)",
        "INSERT INTO once VALUES (1, '{a,b}', '2024-01-01 00:00:00+00'), (2, NULL, 'infinity')");
    CdcConfig config =
        Streams.config(database, "once")
            .snapshot(SnapshotMode.INITIAL_ONLY)
            .tables(List.of("once"))
            .build();
    int events = 0;
    try (ChangeStream stream = ChangeStream.open(config)) {
      while (!stream.isFinished()) {
        Transaction tx = stream.poll(Duration.ofMillis(100));
        if (tx != null) {
          assertThat(tx.isSnapshot()).isTrue();
          assertThat(tx.events().get(0).after()).containsEntry("tags", List.of("a", "b"));
          events += tx.size();
          stream.acknowledge(tx);
        }
      }
    }
    assertThat(events).isEqualTo(2);
    assertThat(Streams.confirmedFlush(database, "once")).isEqualTo(-1);
  }

  /**
   * A table without rows sends one {@link EmptyTableMark} in its snapshot transaction, so a sink
   * can tell that the snapshot covered it; a table with rows sends its rows and no mark. The mark
   * is part of the snapshot, as the rows are: an operations filter that leaves out messages (and
   * inserts) keeps both.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anEmptyTableIsCopiedAsOneMarkThatNamesIt(boolean onlyDeletes, TestDatabase database) {
    database.execute(
        "DROP SCHEMA IF EXISTS \"Odd Schema\" CASCADE",
        "DROP TABLE IF EXISTS some_rows",
        "CREATE SCHEMA \"Odd Schema\"",
        "CREATE TABLE \"Odd Schema\".\"no rows\" (id int PRIMARY KEY)",
        "CREATE TABLE some_rows (id int PRIMARY KEY)",
        "INSERT INTO some_rows VALUES (1), (2)");
    CdcConfig config =
        Streams.config(database, onlyDeletes ? "marks_deletes_only" : "marks")
            .snapshot(SnapshotMode.INITIAL_ONLY)
            .tables(List.of("Odd Schema.no rows", "some_rows"))
            .filter(
                onlyDeletes
                    ? EventFilter.all().withOperations(EnumSet.of(Operation.DELETE))
                    : EventFilter.all())
            .build();
    List<EmptyTableMark> marks = new ArrayList<>();
    int rows = 0;
    try (ChangeStream stream = ChangeStream.open(config)) {
      while (!stream.isFinished()) {
        Transaction tx = stream.poll(Duration.ofMillis(100));
        if (tx != null) {
          assertThat(tx.isSnapshot()).isTrue();
          for (ChangeEvent e : tx.events()) {
            EmptyTableMark.of(e).ifPresent(marks::add);
            rows += e.operation() == Operation.SNAPSHOT ? 1 : 0;
          }
          stream.acknowledge(tx);
        }
      }
    }
    assertThat(marks).containsExactly(new EmptyTableMark("Odd Schema", "no rows"));
    assertThat(rows).isEqualTo(2);
  }
}
