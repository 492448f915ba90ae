package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch ledger alone, against the real database: a batch is claimed once per writer, a replay
 * finds its row, and a claim vanishes with the transaction that made it.
 */
@WithPostgres
class CopyLedgerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void empty() {
    db.sql("DROP TABLE IF EXISTS copy_ledger").update();
  }

  private static BatchLedger ledger(String writer) {
    BatchLedger ledger = new BatchLedger("copy_ledger", writer);
    ledger.create(db);
    return ledger;
  }

  /** Claims a batch whose contents are told apart by their row count alone. */
  private static boolean claim(BatchLedger ledger, long batch, int rows) {
    return db.inTransaction(tx -> ledger.claim(tx, batch, rows, rows));
  }

  private static long recordedRows(String writer, long batch) {
    return db.sql(
            "SELECT rows FROM copy_ledger WHERE writer_id = ? AND batch_id = ?", writer, batch)
        .scalar(Long.class);
  }

  @Test
  void aNewBatchIsClaimedAndAReplayOfItIsRefused() {
    BatchLedger ledger = ledger("feed");
    assertThat(claim(ledger, 1, 100)).isTrue();
    assertThat(claim(ledger, 1, 100)).as("the same batch again").isFalse();
    assertThat(claim(ledger, 2, 50)).as("the next batch").isTrue();
    assertThat(recordedRows("feed", 1)).isEqualTo(100);
    assertThat(recordedRows("feed", 2)).isEqualTo(50);
  }

  @Test
  void aReplayWithOtherContentsFailsAndKeepsTheFirstRecord() {
    BatchLedger ledger = ledger("feed");
    assertThat(claim(ledger, 7, 100)).isTrue();
    assertThatThrownBy(() -> claim(ledger, 7, 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("batch 7 of writer 'feed' was loaded before with 100 rows")
        .hasMessageContaining("now holds 3 rows");
    assertThat(recordedRows("feed", 7)).isEqualTo(100);
  }

  @Test
  void batchNumbersBelongToTheirWriter() {
    BatchLedger a = ledger("feed-a");
    BatchLedger b = ledger("feed-b");
    assertThat(claim(a, 1, 10)).isTrue();
    assertThat(claim(b, 1, 20)).as("batch 1 of another writer").isTrue();
    assertThat(claim(a, 1, 10)).isFalse();
    assertThat(recordedRows("feed-b", 1)).isEqualTo(20);
  }

  @Test
  void aClaimRolledBackWithItsBatchLeavesTheBatchToLoad() {
    BatchLedger ledger = ledger("feed");
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      assertThat(ledger.claim(tx, 1, 100, 100)).isTrue();
                      throw new IllegalStateException("COPY failed");
                    }))
        .hasMessageContaining("COPY failed");
    assertThat(claim(ledger, 1, 100)).as("nothing was recorded").isTrue();
  }

  @Test
  void creatingTheLedgerAgainKeepsWhatItRecorded() {
    BatchLedger ledger = ledger("feed");
    assertThat(claim(ledger, 1, 100)).isTrue();
    ledger.create(db);
    assertThat(claim(ledger, 1, 100)).isFalse();
  }

  @Test
  void aReplayRacingTheOriginalWaitsForItsCommitAndIsRefused() throws Exception {
    BatchLedger ledger = ledger("feed");
    CompletableFuture<Void> claimed = new CompletableFuture<>();
    CompletableFuture<Void> commit = new CompletableFuture<>();
    CompletableFuture<Boolean> original =
        CompletableFuture.supplyAsync(
            () ->
                db.inTransaction(
                    tx -> {
                      boolean mine = ledger.claim(tx, 1, 100, 100);
                      claimed.complete(null);
                      commit.join();
                      return mine;
                    }));
    claimed.join();
    CompletableFuture<Boolean> replay = CompletableFuture.supplyAsync(() -> claim(ledger, 1, 100));
    Await.until(
        "the replay waits on the original's row",
        WAIT,
        () ->
            db.sql(
                        "SELECT count(*) FROM pg_stat_activity"
                            + " WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO copy_ledger%'")
                    .scalar(Long.class)
                == 1);
    assertThat(replay).isNotDone();
    commit.complete(null);
    assertThat(original.get()).isTrue();
    assertThat(replay.get()).as("the original committed first").isFalse();
  }
}
