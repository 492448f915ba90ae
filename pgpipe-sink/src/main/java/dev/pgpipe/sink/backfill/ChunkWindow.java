package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Column;
import dev.pgpipe.cdc.EventPosition;
import dev.pgpipe.cdc.KeyChunk;
import dev.pgpipe.cdc.LogicalMessage;
import dev.pgpipe.cdc.Operation;
import dev.pgpipe.cdc.TableSchema;
import dev.pgpipe.cdc.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One chunk between its watermarks. The backfiller creates it, then {@link #attach}es the rows it
 * read between writing the low and the high watermark; the applying thread shows it every streamed
 * transaction in order ({@link #observe}): from the low watermark on it notes the keys of the
 * chunk's table that the stream changes, and at the high watermark it returns, in place of the
 * watermark, a transaction with the chunk's rows (as snapshot rows: upserts) as of the high
 * watermark, and the progress marker: a row whose key the stream deleted in the window is left out,
 * and one it inserted or updated takes the stream's values over the values read ({@link SeenKey}),
 * so that the chunk never puts back an older state, and a row the stream updated while the target
 * did not have it yet is not lost. A truncate of the table between the watermarks drops every row
 * of the chunk; a change of the table's columns, or more than {@value #MAX_SEEN} changed keys
 * before the rows came, has the chunk read again ({@link #outcome} then says why).
 *
 * <p>So does a transaction that came before the low watermark (the target has it) but that the
 * chunk's snapshot did not see: PostgreSQL makes a commit visible only after its commit record is
 * in the WAL, so the rows read may be older than what the target holds, and the window did not note
 * its keys. At the high watermark the window looks for such a transaction among the {@link
 * RecentCommits} before its low watermark; one it finds has the chunk read again ({@link
 * ChunkOutcome.CommitNotVisible}), in a new snapshot that sees it once it is visible. A transaction
 * the snapshot does not see that comes after the low watermark is harmless: the window notes its
 * keys. Thread-safe.
 */
final class ChunkWindow {

  /** The most keys noted before the chunk's rows are known (then only the chunk's keys count). */
  static final int MAX_SEEN = 100_000;

  private final String id;
  private final TableSchema table;
  private final List<String> keys;
  private final BackfillProgress before;
  private final int limit;
  private final CompletableFuture<ChunkOutcome> applied = new CompletableFuture<>();
  private final Map<String, SeenKey> seen = new HashMap<>();
  private @Nullable Set<String> chunkKeys;
  private @Nullable KeyChunk chunk;
  private @Nullable ChunkOutcome result;
  private @Nullable ChunkOutcome readAgain;
  private long lowMark;
  private boolean open;
  private boolean passed;
  private boolean truncated;

  ChunkWindow(String id, TableSchema table, BackfillProgress before, int limit) {
    this.id = id;
    this.table = table;
    this.keys = table.keyColumns();
    this.before = before;
    this.limit = limit;
  }

  String id() {
    return id;
  }

  /** The rows read between the watermarks; called before the high watermark is written. */
  synchronized void attach(KeyChunk rows) {
    Set<String> inChunk = new HashSet<>();
    rows.rows().forEach(row -> inChunk.add(KeyText.of(keys, row) + ""));
    seen.keySet().retainAll(inChunk);
    this.chunkKeys = inChunk;
    this.chunk = rows;
  }

  /** Whether the high watermark went by: once its batch is applied, call {@link #applied()}. */
  synchronized boolean passed() {
    return passed;
  }

  /**
   * The transaction to apply in place of {@code tx}: the chunk's at its high watermark, else {@code
   * tx} itself. {@code recent} holds the transactions the stream delivered before {@code tx}.
   */
  synchronized Transaction observe(Transaction tx, RecentCommits recent) {
    if (passed) {
      return tx;
    }
    for (ChangeEvent event : tx.events()) {
      Watermark mark = Watermark.of(event);
      if (mark != null && mark.window().equals(id)) {
        if (!mark.low()) {
          return high(tx, recent);
        }
        open = true;
        lowMark = recent.mark();
      } else if (open) {
        see(event);
      }
    }
    return tx;
  }

  private void see(ChangeEvent event) {
    TableSchema shape = event.table();
    if (shape == null || !shape.qualifiedName().equals(table.qualifiedName())) {
      return;
    }
    if (event.operation() == Operation.TRUNCATE) {
      truncated = true;
      return;
    }
    if (!names(shape).equals(names(table))) {
      readAgain = new ChunkOutcome.ShapeChanged();
      return;
    }
    String oldKey = KeyText.of(keys, event.before());
    String newKey = KeyText.of(keys, event.after());
    if (oldKey != null && !oldKey.equals(newKey)) {
      note(oldKey).delete();
    }
    if (newKey != null) {
      SeenKey key = note(newKey);
      Map<String, @Nullable Object> after = event.after();
      if (event.operation() == Operation.DELETE || after == null) {
        key.delete();
      } else {
        key.change(after, event.operation() == Operation.INSERT);
      }
    } else if (event.operation() == Operation.DELETE && oldKey != null) {
      note(oldKey).delete();
    }
    if (seen.size() > MAX_SEEN) {
      readAgain = new ChunkOutcome.TooManyChanges(MAX_SEEN);
      seen.clear();
    }
  }

  /** What the window saw of {@code key} (a scratch record for keys outside the chunk). */
  private SeenKey note(String key) {
    Set<String> inChunk = chunkKeys;
    if (inChunk != null && !inChunk.contains(key)) {
      return new SeenKey();
    }
    return seen.computeIfAbsent(key, k -> new SeenKey());
  }

  private static List<String> names(TableSchema shape) {
    List<String> names = new ArrayList<>();
    for (Column column : shape.columns()) {
      names.add(column.name() + " " + column.typeOid());
    }
    return names;
  }

  private Transaction high(Transaction tx, RecentCommits recent) {
    passed = true;
    KeyChunk rows = chunk;
    if (!open || rows == null) {
      result = new ChunkOutcome.ShapeChanged();
      return tx;
    }
    OptionalLong hidden = recent.hiddenBefore(lowMark, rows.snapshot());
    result = hidden.isPresent() ? new ChunkOutcome.CommitNotVisible(hidden.getAsLong()) : readAgain;
    if (result != null) {
      return tx;
    }
    List<ChangeEvent> events = new ArrayList<>(rows.rows().size() + 1);
    for (Map<String, @Nullable Object> row :
        truncated ? List.<Map<String, @Nullable Object>>of() : rows.rows()) {
      SeenKey changed = seen.get(KeyText.of(keys, row) + "");
      Map<String, @Nullable Object> now = changed == null ? row : changed.over(row);
      if (now != null) {
        events.add(row(rows.table(), now, at(tx, events.size())));
      }
    }
    BackfillProgress next = before.next(rows.lastKey(), events.size(), rows.last(limit));
    LogicalMessage marker =
        new LogicalMessage(
            BackfillTable.PROGRESS_PREFIX, next.json().getBytes(StandardCharsets.UTF_8), false);
    events.add(
        new ChangeEvent(Operation.MESSAGE, null, null, null, marker, 0, at(tx, events.size())));
    result = new ChunkOutcome.Applied(next);
    return new Transaction(
        tx.xid(), tx.beginLsn(), tx.commitLsn(), tx.endLsn(), tx.commitTime(), events, 0, true);
  }

  @SuppressWarnings("NullAway") // the row map's nullable values, as ChangeEvent takes them
  private static ChangeEvent row(
      TableSchema table, Map<String, @Nullable Object> row, EventPosition position) {
    return new ChangeEvent(Operation.SNAPSHOT, table, null, row, null, 0, position);
  }

  private static EventPosition at(Transaction tx, int index) {
    return new EventPosition(tx.commitLsn(), tx.xid(), tx.commitTime(), index);
  }

  /** The batch with the high watermark was applied: hands the outcome to the backfiller. */
  void applied() {
    ChunkOutcome done;
    synchronized (this) {
      done = result == null ? new ChunkOutcome.ShapeChanged() : result;
    }
    applied.complete(done);
  }

  /**
   * Completes once the batch with the high watermark was applied: with the chunk's progress, or why
   * it must be read again.
   */
  CompletableFuture<ChunkOutcome> outcome() {
    return applied;
  }
}
