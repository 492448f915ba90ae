package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which committed transactions a chunk's snapshot does not see, at the edges of its xid range and
 * across an epoch, and its text form as {@code pg_current_snapshot()} writes it.
 */
class ChunkSnapshotTest {

  private static final long EPOCH = 1L << 32;

  @Test
  void parsesTheServersTextWithAndWithoutRunningTransactions() {
    assertThat(ChunkSnapshot.parse("744:746:744"))
        .isEqualTo(new ChunkSnapshot(744, 746, Set.of(744L)));
    assertThat(ChunkSnapshot.parse("726:726:")).isEqualTo(new ChunkSnapshot(726, 726, Set.of()));
    assertThat(ChunkSnapshot.parse("10:20:10,12,19").inProgress()).containsOnly(10L, 12L, 19L);
  }

  @Test
  void refusesTextThatIsNotASnapshotWithTheText() {
    assertThatThrownBy(() -> ChunkSnapshot.parse("744:746"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("744:746");
    assertThatThrownBy(() -> ChunkSnapshot.parse("744:x:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("744:x:");
  }

  @Test
  void refusesARangeBackwardsAndARunningXidOutsideIt() {
    assertThatThrownBy(() -> new ChunkSnapshot(11, 10, Set.of())).hasMessageContaining("11, 10");
    assertThatThrownBy(() -> new ChunkSnapshot(10, 20, Set.of(20L))).hasMessageContaining("20");
    assertThatThrownBy(() -> new ChunkSnapshot(10, 20, Set.of(9L))).hasMessageContaining("9");
  }

  @Test
  void hidesTheRunningOnesAndEveryXidFromXmaxOn() {
    ChunkSnapshot snapshot = new ChunkSnapshot(100, 110, Set.of(100L, 105L));
    assertThat(snapshot.hides(99)).as("ended before xmin").isFalse();
    assertThat(snapshot.hides(100)).as("running, at xmin").isTrue();
    assertThat(snapshot.hides(104)).as("ended").isFalse();
    assertThat(snapshot.hides(105)).as("running").isTrue();
    assertThat(snapshot.hides(109)).as("ended, just below xmax").isFalse();
    assertThat(snapshot.hides(110)).as("xmax").isTrue();
    assertThat(snapshot.hides(111)).as("above xmax").isTrue();
  }

  @Test
  void theNewestTransactionIsHiddenByXmaxAloneWhenNothingNewerEnded() {
    // a commit waiting for a synchronous standby, and nothing newer ended: 726:726:
    assertThat(ChunkSnapshot.parse("726:726:").hides(726)).isTrue();
  }

  @Test
  void placesTheStreamsThirtyTwoBitXidInTheEpochNearestXmax() {
    ChunkSnapshot snapshot = new ChunkSnapshot(EPOCH - 3, EPOCH + 5, Set.of(EPOCH - 1, EPOCH + 2));
    assertThat(snapshot.hides(0xFFFF_FFFEL)).as("last epoch, ended").isFalse();
    assertThat(snapshot.hides(0xFFFF_FFFFL)).as("last epoch, running").isTrue();
    assertThat(snapshot.hides(2)).as("this epoch, running").isTrue();
    assertThat(snapshot.hides(4)).as("this epoch, ended").isFalse();
    assertThat(snapshot.hides(5)).as("this epoch, xmax").isTrue();
    assertThat(snapshot.hides(EPOCH + 4)).as("higher bits ignored").isFalse();
  }
}
