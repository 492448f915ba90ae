package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The bisection both the batch loader and the table sink use, against a scripted target. */
class BisectionTest {

  /** A target that refuses every range holding one of the bad items, and records each attempt. */
  private static final class Target {
    private final Set<Integer> bad;
    private final List<String> attempts = new ArrayList<>();
    private final List<Integer> applied = new ArrayList<>();

    Target(Set<Integer> bad) {
      this.bad = bad;
    }

    @Nullable String apply(int from, int to) {
      attempts.add(from + ".." + to);
      for (int i = from; i < to; i++) {
        if (bad.contains(i)) {
          return "refused " + i;
        }
      }
      for (int i = from; i < to; i++) {
        applied.add(i);
      }
      return null;
    }
  }

  @Test
  void aCleanBatchIsAppliedInOneAttempt() {
    Target target = new Target(Set.of());
    List<Integer> refused = new ArrayList<>();

    int count = Bisection.<String, RuntimeException>run(8, target::apply, (i, e) -> refused.add(i));

    assertThat(count).isZero();
    assertThat(target.attempts).containsExactly("0..8");
    assertThat(target.applied).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
    assertThat(refused).isEmpty();
  }

  @Test
  void onlyTheRefusedItemsAreHandedBackAndTheRestIsAppliedInOrder() {
    Target target = new Target(Set.of(2, 5));
    List<String> refused = new ArrayList<>();

    int count =
        Bisection.<String, RuntimeException>run(
            8, target::apply, (i, e) -> refused.add(i + ":" + e));

    assertThat(count).isEqualTo(2);
    assertThat(refused).containsExactly("2:refused 2", "5:refused 5");
    assertThat(target.applied).containsExactly(0, 1, 3, 4, 6, 7);
    assertThat(target.attempts)
        .containsExactly(
            "0..8", "0..4", "0..2", "2..4", "2..3", "3..4", "4..8", "4..6", "4..5", "5..6", "6..8");
  }

  @Test
  void aRefusedBatchOfOneIsTriedAgainAloneBeforeItIsBlamed() {
    Target target = new Target(Set.of(0));
    List<Integer> refused = new ArrayList<>();

    Bisection.<String, RuntimeException>run(1, target::apply, (i, e) -> refused.add(i));

    assertThat(target.attempts).containsExactly("0..1", "0..1");
    assertThat(refused).containsExactly(0);
  }

  @Test
  void anItemThatPassesAloneAfterItsBatchWasRefusedIsApplied() {
    List<String> attempts = new ArrayList<>();
    List<Integer> refused = new ArrayList<>();

    Bisection.<String, RuntimeException>run(
        1,
        (from, to) -> {
          attempts.add(from + ".." + to);
          return attempts.size() == 1 ? "refused as a batch" : null;
        },
        (i, e) -> refused.add(i));

    assertThat(attempts).hasSize(2);
    assertThat(refused).isEmpty();
  }

  @Test
  void whatTheAttemptThrowsEndsTheBisection() {
    List<String> attempts = new ArrayList<>();

    assertThatThrownBy(
            () ->
                Bisection.<String, Exception>run(
                    4,
                    (from, to) -> {
                      attempts.add(from + ".." + to);
                      if (to - from == 2) {
                        throw new Exception("connection lost");
                      }
                      return "refused";
                    },
                    (i, e) -> {}))
        .hasMessage("connection lost");
    assertThat(attempts).containsExactly("0..4", "0..2");
  }

  @Test
  void anEmptyBatchNeedsNoAttempt() {
    assertThat(
            Bisection.<String, RuntimeException>run(
                0,
                (from, to) -> {
                  throw new AssertionError("no attempt expected");
                },
                (i, e) -> {}))
        .isZero();
    assertThatThrownBy(
            () -> Bisection.<String, RuntimeException>run(-1, (f, t) -> null, (i, e) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void afterARefusalOfTheWholeBatchItsHalvesAreTriedFirst() {
    Target target = new Target(Set.of(5));
    List<Integer> refused = new ArrayList<>();

    int count =
        Bisection.<String, RuntimeException>afterRefusal(
            8, target::apply, (i, e) -> refused.add(i));

    assertThat(count).isEqualTo(1);
    assertThat(refused).containsExactly(5);
    assertThat(target.applied).containsExactly(0, 1, 2, 3, 4, 6, 7);
    assertThat(target.attempts).containsExactly("0..4", "4..8", "4..6", "4..5", "5..6", "6..8");
  }

  @Test
  void afterARefusalABatchOfOneIsTriedAloneOnce_andAnEmptyOneNotAtAll() {
    Target target = new Target(Set.of(0));
    List<Integer> refused = new ArrayList<>();

    Bisection.<String, RuntimeException>afterRefusal(1, target::apply, (i, e) -> refused.add(i));
    int none =
        Bisection.<String, RuntimeException>afterRefusal(
            0,
            (from, to) -> {
              throw new AssertionError("no attempt expected");
            },
            (i, e) -> {});

    assertThat(target.attempts).containsExactly("0..1");
    assertThat(refused).containsExactly(0);
    assertThat(none).isZero();
    assertThatThrownBy(
            () ->
                Bisection.<String, RuntimeException>afterRefusal(-2, (f, t) -> null, (i, e) -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-2");
  }

  @Test
  void afterARefusalRangesTheTargetNowTakesAreApplied() {
    Target target = new Target(Set.of());

    int count = Bisection.<String, RuntimeException>afterRefusal(4, target::apply, (i, e) -> {});

    assertThat(count).isZero();
    assertThat(target.attempts).containsExactly("0..2", "2..4");
    assertThat(target.applied).containsExactly(0, 1, 2, 3);
  }
}
