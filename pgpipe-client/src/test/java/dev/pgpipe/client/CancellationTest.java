package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class CancellationTest {

  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @Test
  void timeoutCancelsTheStatementAndSaysSo() {
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> db.sql("SELECT pg_sleep(30)").timeout(Duration.ofMillis(200)).asMaps().list())
        .isInstanceOfSatisfying(
            QueryCancelledException.class,
            e -> {
              assertThat(e.timedOut()).isTrue();
              assertThat(e.getMessage()).contains("timed out after 200 ms");
            });

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(db.ping()).isPositive();
  }

  @Test
  void cancelFromAnotherThreadStopsARunningStatement() {
    Query slow = db.sql("SELECT pg_sleep(30), 'cancel-me'");
    CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> slow.asMaps().list());
    Await.until(
        "the statement to run on the server",
        Duration.ofSeconds(10),
        () ->
            db.sql(
                        "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%''cancel-me'''")
                    .scalar(Long.class)
                == 1);

    slow.cancel();

    assertThatThrownBy(running::join)
        .hasCauseInstanceOf(QueryCancelledException.class)
        .cause()
        .satisfies(e -> assertThat(((QueryCancelledException) e).timedOut()).isFalse());
    assertThat(db.ping()).isPositive();
  }

  @Test
  void aQueryCancelledBeforeItStartsFailsAtOnce() {
    Query query = db.sql("SELECT 1");
    query.cancel();

    assertThatThrownBy(() -> query.scalar(Integer.class))
        .isInstanceOf(QueryCancelledException.class);
  }
}
