package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.nats.NatsServer;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sink process, in a child JVM, is killed with kill -9 while it applies, and started again:
 * JetStream redelivers what was not acknowledged, the sink's ledger skips what was committed, and
 * the target ends equal to the source.
 */
@WithPostgres
class ConsumerCrashTest {

  private static final int TRANSACTIONS = 300;
  private static final int ROWS = 50;

  @Test
  void killedConsumerRestartsAndTheTargetEqualsTheSource(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("concrash");
    for (TestDatabase db : List.of(source, target)) {
      db.execute("CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL)");
    }
    File log = new File("target/consumer-child.log");
    try (NatsServer nats = Pipes.nats();
        Background publisher =
            Background.start(
                "publisher",
                stop ->
                    TransactionPublisher.run(
                        Pipes.source(source, "concrash", SnapshotMode.NEVER).build(),
                        Pipes.publisher(nats.url()).build(),
                        stop::get))) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "concrash"));
      Workload.inserts(source, "t", TRANSACTIONS, ROWS).get(60, TimeUnit.SECONDS);
      Process first =
          Pipes.child(ConsumerChild.class, log, nats.url(), target.url(), "concrash", "t");
      Await.until(
          "the first sink applied some",
          Duration.ofSeconds(60),
          () -> Pipes.count(target, "t") >= (long) TRANSACTIONS * ROWS / 5);
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      long atKill = Pipes.count(target, "t");
      Process second =
          Pipes.child(ConsumerChild.class, log, nats.url(), target.url(), "concrash", "t");
      try {
        Await.until(
            "target has every row",
            Duration.ofSeconds(90),
            () -> {
              publisher.check();
              return Pipes.count(target, "t") == (long) TRANSACTIONS * ROWS;
            });
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.printf("sink killed with %d of %d rows applied%n", atKill, TRANSACTIONS * ROWS);
      assertThat(atKill).isLessThan((long) TRANSACTIONS * ROWS);
      assertThat(Pipes.checksum(target, "t")).isEqualTo(Pipes.checksum(source, "t"));
    }
  }
}
