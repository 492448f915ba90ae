package dev.pgpipe.sink.buffer;

import static dev.pgpipe.sink.buffer.ChangeBufferWriteTest.inserts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.sink.Events;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Claiming from the buffer: what a worker gets (its source's unprocessed events, in id order, up to
 * the limit), what it cannot get (rows another worker holds, processed or dead-lettered rows), and
 * what comes back (rows of a claim rolled back).
 */
@WithPostgres
class ChangeBufferClaimTest {

  private static final String EVENTS = "buf_claim.cdc_events";
  private static Database db;
  private static ChangeBuffer buffer;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.builder().url(database.url()).maxSize(4).open();
    buffer = new ChangeBuffer(db, BufferConfig.defaults().withSchema("buf_claim"));
    buffer.migrate();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void tenEventsOfSourceSAndThreeOfAnother() {
    db.sql("TRUNCATE " + EVENTS + ", buf_claim.cdc_buffer_sources, buf_claim.cdc_dead_letters")
        .update();
    Events tx = inserts(100, 10);
    buffer.write("s", List.of(tx.part(0, 0, 6, false), tx.part(1, 6, 10, true)));
    buffer.write("other", List.of(inserts(100, 3).tx()));
  }

  private static List<BufferedEvent> claim(int limit) {
    return db.inTransaction(t -> buffer.claim("s", limit));
  }

  private static List<Long> ids(List<BufferedEvent> events) {
    return events.stream().map(BufferedEvent::id).toList();
  }

  private static List<Integer> indexes(List<BufferedEvent> events) {
    return events.stream().map(e -> e.event().index()).toList();
  }

  @Test
  void claimsTheSourcesUnprocessedEventsInIdOrderUpToTheLimit() {
    List<BufferedEvent> first = claim(4);
    assertThat(indexes(first)).containsExactly(0, 1, 2, 3);
    assertThat(ids(first)).isSorted().doesNotHaveDuplicates();
    assertThat(first).allSatisfy(e -> assertThat(e.sourceId()).isEqualTo("s"));
    List<BufferedEvent> all = claim(100);
    assertThat(indexes(all)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(all).allSatisfy(e -> assertThat(e.commitLsn()).isEqualTo(100));
    assertThat(all).allSatisfy(e -> assertThat(e.endLsn()).isEqualTo(101));
    assertThat(all.stream().filter(BufferedEvent::lastOfTransaction).map(e -> e.event().index()))
        .containsExactly(9);
  }

  /**
   * Behind a long history of processed events and a backlog, a claim reads the source's oldest
   * unprocessed events from the claim index in id order: it neither sorts the backlog nor steps
   * over what was processed, so its cost does not grow with either.
   */
  @Test
  void aClaimReadsItsIndexInIdOrderWhateverCameBefore() {
    String rows =
        "INSERT INTO "
            + EVENTS
            + " (source_id, operation, lsn, transaction_id, processed_at)"
            + " SELECT 's', 'insert', '0/1', 1, %s FROM generate_series(1, %d)";
    db.sql(String.format(rows, "now()", 20_000)).update();
    db.sql(String.format(rows, "NULL", 5_000)).update();
    db.sql("ANALYZE " + EVENTS).update();
    String claim = new BufferSql("buf_claim").claim();
    String literal = claim.replaceFirst("\\?", "'s'").replaceFirst("\\?", "100");
    String parameters = claim.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");

    String custom = String.join("\n", db.sql("EXPLAIN " + literal).map(r -> r.getString(1)).list());
    String generic = genericPlan(parameters);

    for (String plan : List.of(custom, generic)) {
      assertThat(plan).contains("Index Scan using cdc_events_claim").doesNotContain("Sort");
    }
    assertThat(indexes(claim(4))).containsExactly(0, 1, 2, 3);
  }

  /** The plan a prepared statement uses once it stops planning for each value. */
  private static String genericPlan(String sql) {
    return db.withJdbcConnection(
        connection -> {
          try (Statement s = connection.createStatement()) {
            s.execute("SET plan_cache_mode = force_generic_plan");
            s.execute("PREPARE pgpipe_claim(text, int) AS " + sql);
            List<String> lines = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("EXPLAIN EXECUTE pgpipe_claim('s', 100)")) {
              while (rs.next()) {
                lines.add(rs.getString(1));
              }
            }
            s.execute("DEALLOCATE pgpipe_claim");
            s.execute("RESET plan_cache_mode");
            return String.join("\n", lines);
          }
        });
  }

  @Test
  void aClaimAfterAProcessedPartialBatchContinuesWhereItEnded() {
    db.useTransaction(t -> buffer.markProcessed(buffer.claim("s", 4)));
    List<BufferedEvent> next = claim(4);
    assertThat(indexes(next)).containsExactly(4, 5, 6, 7);
    db.useTransaction(t -> buffer.markProcessed(next));
    assertThat(indexes(claim(100))).containsExactly(8, 9);
    assertThat(buffer.status().backlog()).as("2 of s, 3 of other").isEqualTo(5);
    assertThat(buffer.status().processed()).isEqualTo(8);
  }

  @Test
  void aSecondWorkerSkipsTheRowsTheFirstHoldsWithoutWaiting() {
    CompletableFuture<List<BufferedEvent>> held = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(
            () ->
                db.useTransaction(
                    t -> {
                      held.complete(buffer.claim("s", 4));
                      release.join();
                    }));
    List<BufferedEvent> mine = held.join();
    List<BufferedEvent> theirs = claim(100);
    release.complete(null);
    first.join();
    assertThat(indexes(mine)).containsExactly(0, 1, 2, 3);
    assertThat(indexes(theirs)).containsExactly(4, 5, 6, 7, 8, 9);
  }

  @Test
  void theRowsOfAClaimRolledBackAreClaimedAgain() {
    List<Long> taken = new ArrayList<>();
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    t -> {
                      List<BufferedEvent> batch = buffer.claim("s", 4);
                      taken.addAll(ids(batch));
                      buffer.markProcessed(batch);
                      throw new IllegalStateException("handler failed");
                    }))
        .hasMessage("handler failed");
    assertThat(ids(claim(4))).isEqualTo(taken);
  }

  @Test
  void deadLetteredEventsKeepTheirErrorAndAreNotClaimedAgain() {
    List<BufferedEvent> failing = claim(3);
    db.useTransaction(t -> buffer.deadLetter(failing, "target refused"));
    db.useTransaction(t -> buffer.deadLetter(failing, "again"));
    assertThat(indexes(claim(100))).containsExactly(3, 4, 5, 6, 7, 8, 9);
    assertThat(
            db.sql("SELECT DISTINCT error FROM buf_claim.cdc_dead_letters")
                .map(r -> r.getString(1))
                .list())
        .containsExactly("target refused");
    assertThat(buffer.status().deadLetters()).isEqualTo(3);
  }

  @Test
  void cleanupDeletesOnlyProcessedEventsOlderThanTheRetention() {
    db.useTransaction(t -> buffer.markProcessed(buffer.claim("s", 4)));
    assertThat(buffer.cleanup()).as("within the default retention").isZero();
    ChangeBuffer noRetention =
        new ChangeBuffer(
            db,
            BufferConfig.fromEnvironment(
                Map.of("PGPIPE_BUFFER_SCHEMA", "buf_claim", "PGPIPE_BUFFER_RETENTION", "0s")));
    assertThat(noRetention.cleanup()).isEqualTo(4);
    assertThat(db.sql("SELECT count(*) FROM " + EVENTS).scalar(Long.class)).isEqualTo(9);
  }

  @Test
  void statusCountsTheBacklogAndAgesItsOldestEvent() {
    BufferStatus status = buffer.status();
    assertThat(status.backlog()).isEqualTo(13);
    assertThat(status.processed()).isZero();
    assertThat(status.deadLetters()).isZero();
    assertThat(status.oldestAge()).isBetween(Duration.ZERO, Duration.ofMinutes(1));
    db.useTransaction(t -> buffer.markProcessed(buffer.claim("s", 100)));
    db.useTransaction(t -> buffer.markProcessed(buffer.claim("other", 100)));
    assertThat(buffer.status()).isEqualTo(new BufferStatus(0, Duration.ZERO, 13, 0));
  }
}
