package dev.pgpipe.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.PgException;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link TableSink#apply} against a target that refuses the batch for a while with a transient
 * SQLSTATE (53300, too many connections): the batch is retried with {@link TableSink#RECONNECT}'s
 * delays until it lands or {@link SinkConfig#reconnectFor()} passes, on a fake clock.
 */
@WithPostgres
class TableSinkRetryTest {

  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private final AtomicLong now = new AtomicLong();

  private TableSink sink(TestDatabase db, int refusals, Duration reconnectFor) {
    db.execute(
        "DROP TABLE IF EXISTS flaky",
        "DROP SEQUENCE IF EXISTS refusals",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE",
        "CREATE TABLE flaky (id int8 PRIMARY KEY, v text, n int4)",
        "CREATE SEQUENCE refusals",
        "CREATE OR REPLACE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF nextval('refusals') <= "
            + refusals
            + " THEN RAISE EXCEPTION 'server busy' USING ERRCODE = '53300'; END IF;"
            + " RETURN NULL; END $$",
        "CREATE TRIGGER refuse BEFORE INSERT OR UPDATE OR DELETE ON flaky"
            + " EXECUTE FUNCTION refuse()");
    return TableSink.open(
        SinkConfig.builder()
            .url(db.url())
            .sourceId("flaky")
            .tables(List.of("flaky"))
            .reconnectFor(reconnectFor)
            .ticker(now::get)
            .sleeper(
                d -> {
                  waits.add(d);
                  now.addAndGet(d.toNanos());
                })
            .build());
  }

  @Test
  void aBatchRefusedTwiceIsAppliedAfterTheBackoffsDelays(TestDatabase db) {
    try (TableSink sink = sink(db, 2, Duration.ofMinutes(5))) {
      ApplyResult result = sink.apply(List.of(new Events("flaky", 100).insert(1, "a", 1).tx()));

      assertThat(result.events()).isEqualTo(1);
      assertThat(waits).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(sink.database().sql("SELECT count(*) FROM flaky").scalar(Long.class)).isOne();
      assertThat(sink.position().commitLsn()).isEqualTo(100);
    }
  }

  @Test
  void aTargetStillRefusingAfterReconnectForFailsTheApply(TestDatabase db) {
    try (TableSink sink = sink(db, 1_000, Duration.ofMillis(250))) {
      assertThatThrownBy(() -> sink.apply(List.of(new Events("flaky", 100).insert(1, "a", 1).tx())))
          .isInstanceOfSatisfying(
              PgException.class, e -> assertThat(e.sqlState()).isEqualTo("53300"));

      // Refused at 0, 50, 150 ms (within 250 ms) and at 350 ms, past it.
      assertThat(waits)
          .containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(sink.recorded()).isFalse();
    }
  }
}
