package dev.pgpipe.cli.killed;

import dev.pgpipe.testkit.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * Chooses when to kill which process of a path, from a seeded {@link Random}: in odd rounds the
 * target's writer right after its commit left a transaction applied in part (or, should no such
 * moment come, once the round's changes are applied: streamed, or copied by a snapshot taken again
 * after the round before killed it midway), in even rounds any process once the source committed a
 * random number of the round's transactions and the target moved. Only the first round may kill
 * while the snapshot is being applied; the others wait for the stream. Remembers what it did, for
 * the report.
 */
final class Kills {

  private static final Duration PROGRESS = Duration.ofSeconds(90);

  private final Random random;
  private final TargetLedger ledger;
  private final List<PipelineChild> children;
  private final BooleanSupplier caughtUp;
  private final List<String> done = new ArrayList<>();

  /** {@code caughtUp} says whether the target equals the source. */
  Kills(
      Random random, TargetLedger ledger, List<PipelineChild> children, BooleanSupplier caughtUp) {
    this.random = random;
    this.ledger = ledger;
    this.children = List.copyOf(children);
    this.caughtUp = caughtUp;
  }

  /** Kills one process while {@code chunk} of {@code perRound} transactions runs. */
  void oneDuring(int round, Future<?> chunk, IntSupplier committed, int perRound, String context)
      throws InterruptedException {
    String before = ledger.state();
    PipelineChild victim;
    String moment;
    if (round % 2 == 1) {
      victim = children.get(children.size() - 1);
      Await.until(
          "a commit of the target in round " + round + ", " + context,
          PROGRESS,
          () ->
              !ledger.state().equals(before)
                      && ledger.snapshotDone()
                      && (ledger.midTransaction() || chunk.isDone())
                  || chunk.isDone() && caughtUp.getAsBoolean());
      moment = ledger.midTransaction() ? "mid-transaction" : "after catching up";
    } else {
      victim = children.get(random.nextInt(children.size()));
      int at = committed.getAsInt() + 1 + random.nextInt(perRound);
      Await.until(
          "commit " + at + " of the source and one of the target, " + context,
          PROGRESS,
          () ->
              (committed.getAsInt() >= at || chunk.isDone())
                  && !ledger.state().equals(before)
                  && (round == 0 || ledger.snapshotDone()));
      moment = "after source commit " + committed.getAsInt();
    }
    victim.kill();
    done.add(victim.name() + " " + moment + " at " + ledger.state());
  }

  List<String> done() {
    return List.copyOf(done);
  }
}
