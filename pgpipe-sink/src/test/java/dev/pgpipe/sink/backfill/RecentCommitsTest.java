package dev.pgpipe.sink.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.ChunkSnapshot;
import dev.pgpipe.cdc.Transaction;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ring of recent xids: its capacity at size -1, size and +1, marks, and what it skips. */
class RecentCommitsTest {

  /** Hides 10 and 20 (running) and everything from 1000 on; sees the rest. */
  private static final ChunkSnapshot SNAPSHOT = new ChunkSnapshot(5, 1000, Set.of(10L, 20L));

  private static Transaction tx(long xid) {
    return new Transaction(xid, 1, 2, 3, Instant.EPOCH, List.of(), 0, true);
  }

  @Test
  void remembersCapacityTransactionsAndForgetsTheOldestBeyond() {
    RecentCommits recent = new RecentCommits(3);
    recent.add(tx(10));
    recent.add(tx(11));
    assertThat(recent.hiddenBefore(recent.mark(), SNAPSHOT)).as("size - 1").hasValue(10);
    recent.add(tx(12));
    assertThat(recent.hiddenBefore(recent.mark(), SNAPSHOT)).as("size").hasValue(10);
    recent.add(tx(13));
    assertThat(recent.hiddenBefore(recent.mark(), SNAPSHOT)).as("size + 1").isEmpty();
  }

  @Test
  void looksOnlyBeforeTheMarkAndNamesTheNewestHidden() {
    RecentCommits recent = new RecentCommits(8);
    recent.add(tx(10));
    recent.add(tx(20));
    recent.add(tx(30));
    long mark = recent.mark();
    recent.add(tx(2000));
    assertThat(recent.hiddenBefore(mark, SNAPSHOT)).hasValue(20);
    assertThat(recent.hiddenBefore(1, SNAPSHOT)).hasValue(10);
    assertThat(recent.hiddenBefore(0, SNAPSHOT)).isEmpty();
    assertThat(recent.hiddenBefore(recent.mark(), SNAPSHOT)).hasValue(2000);
  }

  @Test
  void skipsBareMessagesSnapshotRowsAndAllButTheLastPart() {
    RecentCommits recent = new RecentCommits(8);
    recent.add(tx(0));
    recent.add(new Transaction(10, 1, 1, 0, Instant.EPOCH, List.of(), 0, true));
    recent.add(new Transaction(20, 1, 2, 3, Instant.EPOCH, List.of(), 0, false));
    assertThat(recent.mark()).isZero();
    recent.add(new Transaction(20, 1, 2, 3, Instant.EPOCH, List.of(), 1, true));
    assertThat(recent.mark()).isEqualTo(1);
  }

  @Test
  void keepsXidsAboveTwoToTheThirtyOneUnsigned() {
    RecentCommits recent = new RecentCommits(2);
    recent.add(tx(0xFFFF_FFF0L));
    ChunkSnapshot late = new ChunkSnapshot(0xFFFF_FF00L, 0xFFFF_FFF0L, Set.of());
    assertThat(recent.hiddenBefore(1, late)).isEqualTo(OptionalLong.of(0xFFFF_FFF0L));
  }

  @Test
  void refusesAMarkItNeverGaveAndAnEmptyRing() {
    RecentCommits recent = new RecentCommits(2);
    recent.add(tx(10));
    assertThatThrownBy(() -> recent.hiddenBefore(2, SNAPSHOT)).hasMessageContaining("[0, 1]: 2");
    assertThatThrownBy(() -> recent.hiddenBefore(-1, SNAPSHOT)).hasMessageContaining("-1");
    assertThatThrownBy(() -> new RecentCommits(0)).hasMessageContaining("0");
  }
}
