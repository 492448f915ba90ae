package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Backoff;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The reader's reconnect backoff and deadline ({@link Tuning#reconnect()}) on a fake clock: a slot
 * held by another reader (55006, transient) is retried with the backoff's delays until the deadline
 * passes, then the stream fails saying so. Nothing here sleeps.
 */
@WithPostgres
class ReconnectDeadlineTest {

  @Test
  void aSlotHeldPastTheReconnectDeadlineStopsTheStreamAfterTheBackoffsDelays(
      TestDatabase database) {
    database.execute("CREATE TABLE held (id int PRIMARY KEY)");
    List<Duration> waits = new CopyOnWriteArrayList<>();
    AtomicLong now = new AtomicLong();
    CdcConfig.Builder patient = Streams.config(database, "held");
    patient
        .tuning()
        .reconnect(
            Backoff.exponential(Duration.ofMillis(100), Duration.ofSeconds(1))
                .withMaxElapsed(Duration.ofSeconds(1)));
    patient
        .ticker(now::get)
        .sleeper(
            d -> {
              waits.add(d);
              now.addAndGet(d.toNanos());
            });
    try (ChangeStream first = ChangeStream.open(Streams.config(database, "held").build())) {
      Await.until("first reader active", Duration.ofSeconds(10), () -> active(database));
      try (ChangeStream second = ChangeStream.open(patient.build())) {
        assertThatThrownBy(
                () -> {
                  while (true) {
                    second.poll(Duration.ofMillis(50));
                  }
                })
            .isInstanceOf(CdcException.class)
            .hasMessageContaining("gave up reconnecting to replication slot held after 5")
            .hasMessageContaining("is active for PID");

        // Held at 0, 100, 300, 700 ms (within the 1 s deadline) and at 1500 ms, past it.
        assertThat(waits)
            .containsExactly(
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                Duration.ofMillis(400),
                Duration.ofMillis(800));
        assertThat(second.stats().reconnects()).isEqualTo(4);
      }
    }
  }

  private static boolean active(TestDatabase database) {
    return Streams.scalarLong(
            database,
            "SELECT count(*) FROM pg_replication_slots WHERE active AND slot_name = 'held'")
        == 1;
  }
}
