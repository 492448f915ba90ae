package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.client.Database;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch the server refuses for a while with a transient SQLSTATE (53300, too many connections) is
 * retried by the writer's {@link Backoff}, waiting through the injected sleeper on the injected
 * clock: no test here sleeps.
 */
@WithPostgres
class BatchRetryTest {

  @PgTable(name = "retried")
  record Row(long id) {}

  private static final Backoff HUNDRED_MS_DOUBLING =
      Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1));

  private static Database db;
  private final AtomicLong now = new AtomicLong();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final List<WriteError> errors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    db = Database.open(testDatabase.url());
    db.sql("CREATE TABLE retried (id int8 NOT NULL)").update();
    db.sql("CREATE SEQUENCE refusals").update();
    db.sql("CREATE TABLE refusal_limit (times int NOT NULL)").update();
    db.sql(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF nextval('refusals') <= (SELECT times FROM refusal_limit) THEN"
                + " RAISE EXCEPTION 'server busy' USING ERRCODE = '53300'; END IF;"
                + " RETURN NULL; END $$")
        .update();
    db.sql("CREATE TRIGGER refuse BEFORE INSERT ON retried EXECUTE FUNCTION refuse()").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void reset() {
    db.sql("TRUNCATE retried").update();
    db.sql("SELECT setval('refusals', 1, false)").scalar(Long.class);
  }

  private static void refuseTimes(int times) {
    db.sql("TRUNCATE refusal_limit").update();
    db.sql("INSERT INTO refusal_limit VALUES (?)", times).update();
  }

  private BatchWriterBuilder<Row> writer(Backoff retry) {
    return BatchWriter.builder(db, Table.of(Row.class))
        .clock(now::get)
        .sleeper(
            d -> {
              waits.add(d);
              now.addAndGet(d.toNanos());
            })
        .retry(retry)
        .onError(errors::add);
  }

  private static List<Row> rows(int count) {
    return IntStream.range(0, count).mapToObj(Row::new).toList();
  }

  private static long count() {
    return db.sql("SELECT count(*) FROM retried").scalar(Long.class);
  }

  @Test
  void aBatchRefusedTwiceIsRetriedWithTheBackoffsDelaysAndLoadsOnce() {
    refuseTimes(2);
    try (BatchWriter<Row> writer = writer(HUNDRED_MS_DOUBLING.withMaxAttempts(5)).open()) {
      writer.writeAll(rows(100));
    }

    assertThat(count()).isEqualTo(100);
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(errors)
        .hasSize(2)
        .allSatisfy(e -> assertThat(e).isInstanceOf(WriteError.CopyFailed.class))
        .allSatisfy(e -> assertThat(((WriteError.CopyFailed) e).retrying()).isTrue());
  }

  @Test
  void aBatchStillRefusedAfterTheDeadlineIsGivenUp() {
    refuseTimes(1_000);
    BatchWriter<Row> writer =
        writer(HUNDRED_MS_DOUBLING.withMaxElapsed(Duration.ofMillis(250))).open();
    writer.writeAll(rows(10));
    writer.close();

    // Refused at 0, 100 and 300 ms on the fake clock: the third is past the 250 ms deadline.
    assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    assertThat(errors).hasSize(3);
    assertThat(((WriteError.CopyFailed) errors.get(2)).retrying()).isFalse();
    assertThat(count()).isZero();
  }
}
