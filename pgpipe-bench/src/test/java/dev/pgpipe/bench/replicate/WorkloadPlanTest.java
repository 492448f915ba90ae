package dev.pgpipe.bench.replicate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The workloads' plans, without a database: deterministic, sized as asked, with the mix asked. */
class WorkloadPlanTest {

  @Test
  void oltpMixIsTheSameForTheSameSeed_andDiffersForAnother() {
    assertThat(plan(new OltpMix(200, 40, 7))).isEqualTo(plan(new OltpMix(200, 40, 7)));
    assertThat(plan(new OltpMix(200, 40, 7))).isNotEqualTo(plan(new OltpMix(200, 40, 8)));
  }

  @Test
  void oltpMixHasTransactionsOfOneToMaxChanges_withEveryKindOfChange() {
    List<List<Change>> plan = plan(new OltpMix(1_500, 40, 42));

    assertThat(plan).hasSize(1_500);
    assertThat(plan).allSatisfy(tx -> assertThat(tx.size()).isBetween(1, 40));
    long changes = plan.stream().mapToLong(List::size).sum();
    assertThat(changes).isBetween(30_000L, 37_000L);
    Set<String> statements = new HashSet<>();
    plan.forEach(tx -> tx.forEach(c -> statements.add(c.sql().split(" WHERE")[0])));
    assertThat(statements)
        .contains(
            "UPDATE accounts SET id = ?",
            "UPDATE orders SET id = ?",
            "UPDATE accounts SET balance = balance + ?, updated_at = ?",
            "UPDATE accounts SET profile = ?",
            "DELETE FROM accounts",
            "DELETE FROM orders",
            "DELETE FROM events");
  }

  @Test
  void upsertMixPlansExactlyTheChangesInTransactionsOfTheSizeAsked() {
    List<List<Change>> plan = plan(new UpsertMix(1_050, 100, 50, 1));

    assertThat(plan).hasSize(11);
    assertThat(plan.get(10)).hasSize(50);
    assertThat(plan)
        .allSatisfy(tx -> assertThat(tx).allMatch(c -> c.sql().contains("ON CONFLICT")));
  }

  @Test
  void bulkLoadIsTenTransactions() {
    assertThat(plan(new BulkLoad(1_000))).hasSize(10).allSatisfy(tx -> assertThat(tx).hasSize(1));
  }

  @Test
  void keysNeverMeetAfterKeyChangesAndDeletes() {
    Keys keys = new Keys();
    SplittableRandom random = new SplittableRandom(3);
    Set<Long> live = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      int op = random.nextInt(3);
      if (keys.isEmpty() || op == 0) {
        assertThat(live.add(keys.add())).isTrue();
      } else if (op == 1) {
        int at = keys.pick(random);
        assertThat(live.remove(keys.get(at))).isTrue();
        assertThat(live.add(keys.rekey(at))).isTrue();
      } else {
        int at = keys.pick(random);
        assertThat(live.remove(keys.get(at))).isTrue();
        keys.remove(at);
      }
    }
  }

  private static List<List<Change>> plan(Workload workload) {
    List<List<Change>> plan = new ArrayList<>();
    for (Iterator<List<Change>> it = workload.transactions(); it.hasNext(); ) {
      plan.add(it.next());
    }
    return plan;
  }
}
