package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.CdcConfig;
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
 * The sink process, in a child JVM, is killed with kill -9 while it applies a transaction sent in
 * several reader parts and chunks, and started again: JetStream redelivers what was not
 * acknowledged from the transaction's first chunk, the sink's ledger skips what was committed, and
 * the target ends equal to the source, row by row.
 */
@WithPostgres
class ConsumerCrashTest {

  /** Whether the sink's ledger is past {@code lsn} and in the middle of a transaction. */
  private static boolean midTransactionAfter(TestDatabase target, String lsn) {
    return Pipes.text(target, "SELECT to_regclass('pgpipe.sink_ledger') IS NOT NULL").equals("t")
        && Pipes.text(
                target,
                "SELECT count(*) FROM pgpipe.sink_ledger WHERE source_id = 'concrash'"
                    + " AND commit_lsn >= '"
                    + lsn
                    + "' AND event_index < 2147483647")
            .equals("1");
  }

  @Test
  void killedConsumerRestartsAndTheTargetEqualsTheSource(TestDatabase source) throws Exception {
    TestDatabase target = Pipes.target("concrash");
    MixedWorkload.createTables(source, target);
    MixedWorkload workload = MixedWorkload.seeded();
    CdcConfig.Builder cdc = SmallParts.source(source, "concrash", SnapshotMode.NEVER);
    File log = new File("target/consumer-child.log");
    try (NatsServer nats = Pipes.nats();
        Background publisher = SmallParts.publishing(cdc, nats.url())) {
      Await.until(
          "slot created", Duration.ofSeconds(60), () -> Pipes.slotExists(source, "concrash"));
      List<String> script = workload.boundaries(SmallParts.PART_SIZE);
      script.subList(0, script.size() / 3).forEach(source::execute);
      String third = Pipes.text(source, "SELECT pg_current_wal_lsn()::text");
      MixedWorkload.runAsync(source, script.subList(script.size() / 3, script.size()))
          .get(60, TimeUnit.SECONDS);
      String tables = String.join(",", MixedWorkload.TABLES);
      Process first =
          Pipes.child(ConsumerChild.class, log, nats.url(), target.url(), "concrash", tables);
      Await.until(
          "the first sink in the middle of a transaction, a third of the way",
          Duration.ofSeconds(60),
          () -> midTransactionAfter(target, third));
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(MixedWorkload.ended(target)).as("done before the kill").isFalse();
      String atKill =
          Pipes.text(target, "SELECT commit_lsn || ' ' || event_index FROM pgpipe.sink_ledger");
      Process second =
          Pipes.child(ConsumerChild.class, log, nats.url(), target.url(), "concrash", tables);
      try {
        SmallParts.awaitEnd(target, publisher);
      } finally {
        second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
      System.out.printf("sink killed at ledger position %s%n", atKill);
      workload.assertSameRows(source, target);
      assertThat(Pipes.text(target, "SELECT count(*) FROM pgpipe.sink_dead_letters"))
          .isEqualTo("0");
    }
  }
}
