package dev.pgpipe.sink.backfill;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.ChunkReader;
import dev.pgpipe.cdc.ChunkSnapshot;
import dev.pgpipe.cdc.KeyChunk;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.Events;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A chunk window's decision at the high watermark between the commits the stream delivered before
 * its low watermark and the snapshot the chunk was read in: a commit before it that the snapshot
 * does not see has the chunk read again; one it sees, or one after the low watermark, does not.
 * Runs the window through a {@link WindowMerge} as the applying thread does.
 */
class ChunkWindowTest {

  private static final String TABLE = "cwt";
  private static final TableSchema SCHEMA =
      requireNonNull(new Events(TABLE, 1).insert(1, "x", 1).tx().events().get(0).table());

  private final WindowMerge merge = new WindowMerge();
  private final ChunkWindow window =
      new ChunkWindow("w1", SCHEMA, BackfillProgress.start("public." + TABLE, 1), 10);
  private long lsn = 100;

  private Transaction commit(long xid, Events events) {
    List<ChangeEvent> changes = events.tx().events();
    lsn += 10;
    return new Transaction(xid, lsn - 1, lsn, lsn + 1, Instant.EPOCH, changes, 0, true);
  }

  private Transaction update(long xid, long id, String v) {
    return commit(xid, new Events(TABLE, lsn).update(id, v, (int) id));
  }

  private Transaction watermark(boolean low) {
    lsn += 10;
    ChangeEvent event =
        Events.message(
            ChunkReader.WATERMARK_PREFIX, new Watermark(low, window.id()).content(), false, lsn);
    return new Transaction(0, lsn, lsn, lsn, Instant.EPOCH, List.of(event), 0, true);
  }

  @SuppressWarnings("NullAway") // the row maps' nullable values, as KeyChunk takes them
  private static KeyChunk chunk(ChunkSnapshot snapshot, long... ids) {
    List<Map<String, @Nullable Object>> rows = new ArrayList<>();
    for (long id : ids) {
      Map<String, @Nullable Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.put("v", "read");
      row.put("n", (int) id);
      rows.add(row);
    }
    return new KeyChunk(SCHEMA, rows, List.of(ids[ids.length - 1] + ""), snapshot);
  }

  /**
   * Runs the window: {@code before} the low watermark, the chunk attached, {@code between} the
   * watermarks, the high one; returns what went to the target in place of the high watermark.
   */
  private List<ChangeEvent> run(
      List<Transaction> before, KeyChunk read, List<Transaction> between) {
    merge.open(window);
    merge.merge(before);
    merge.merge(List.of(watermark(true)));
    window.attach(read);
    List<Transaction> batch = new ArrayList<>(between);
    batch.add(watermark(false));
    List<Transaction> merged = merge.merge(batch);
    merge.applied();
    return merged.getLast().events();
  }

  private ChunkOutcome outcome() {
    assertThat(window.outcome()).isDone();
    return window.outcome().join();
  }

  private static List<Object> values(List<ChangeEvent> events) {
    return events.stream()
        .filter(e -> e.operation() == Operation.SNAPSHOT)
        .map(e -> requireNonNull(requireNonNull(e.after()).get("v")))
        .toList();
  }

  @Test
  void commitBeforeTheLowWatermarkThatTheSnapshotRunsIsReadAgain() {
    List<ChangeEvent> out =
        run(
            List.of(update(104, 1, "older"), update(105, 2, "streamed"), update(106, 3, "later")),
            chunk(new ChunkSnapshot(100, 110, Set.of(105L)), 1, 2, 3),
            List.of());
    assertThat(outcome()).isEqualTo(new ChunkOutcome.CommitNotVisible(105));
    assertThat(values(out)).as("no rows put back").isEmpty();
  }

  @Test
  void newestCommitHiddenOnlyByXmaxIsReadAgain() {
    run(
        List.of(update(109, 1, "visible"), update(110, 2, "streamed")),
        chunk(new ChunkSnapshot(110, 110, Set.of()), 1, 2),
        List.of());
    assertThat(outcome()).isEqualTo(new ChunkOutcome.CommitNotVisible(110));
  }

  @Test
  void commitBeforeTheLowWatermarkThatTheSnapshotSeesIsApplied() {
    List<ChangeEvent> out =
        run(
            List.of(update(109, 2, "streamed")),
            chunk(new ChunkSnapshot(105, 110, Set.of(105L)), 1, 2),
            List.of());
    assertThat(outcome()).isInstanceOf(ChunkOutcome.Applied.class);
    assertThat(values(out)).containsExactly("read", "read");
  }

  @Test
  void hiddenCommitBetweenTheWatermarksIsMergedByItsKey() {
    List<ChangeEvent> out =
        run(
            List.of(),
            chunk(new ChunkSnapshot(110, 110, Set.of()), 1, 2, 3),
            List.of(update(110, 2, "streamed"), update(111, 9, "other")));
    assertThat(outcome()).isInstanceOf(ChunkOutcome.Applied.class);
    assertThat(values(out)).containsExactly("read", "streamed", "read");
  }

  @Test
  void runningTransactionThatHasNotCommittedHoldsNothingUp() {
    // 105 runs (in the snapshot's xip) but the stream never delivered it: a long transaction
    List<ChangeEvent> out =
        run(
            List.of(update(104, 1, "visible")),
            chunk(new ChunkSnapshot(105, 110, Set.of(105L)), 1, 2),
            List.of());
    assertThat(outcome()).isInstanceOf(ChunkOutcome.Applied.class);
    assertThat(values(out)).containsExactly("read", "read");
  }

  @Test
  void hiddenCommitsBeforeAnEarlierWindowCountToo() {
    merge.merge(List.of(update(105, 7, "before any window")));
    run(List.of(), chunk(new ChunkSnapshot(100, 110, Set.of(105L)), 1), List.of());
    assertThat(outcome()).isEqualTo(new ChunkOutcome.CommitNotVisible(105));
  }
}
