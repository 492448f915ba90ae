package dev.pgpipe.sink.backfill;

import dev.pgpipe.cdc.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The applying side of a backfill: sits between the change stream and the sink, on the thread that
 * applies batches. {@link #merge} puts the open chunk's rows into a batch at its high watermark
 * ({@link ChunkWindow}); once the sink committed that batch, {@link #applied} tells the backfiller,
 * which only then reads the next chunk. At most one chunk is open at a time. Batches without an
 * open chunk pass through untouched; the xids of their transactions are remembered ({@link
 * RecentCommits}) for the next chunk's check of what its snapshot saw. {@code merge} and {@code
 * applied} are called by one thread; chunks are opened from another.
 */
public final class WindowMerge {

  private final AtomicReference<@Nullable ChunkWindow> open = new AtomicReference<>();
  private final RecentCommits recent = new RecentCommits();
  private @Nullable ChunkWindow passed;

  /** Watches for {@code window}'s watermarks from the next batch on. */
  void open(ChunkWindow window) {
    open.set(window);
  }

  /** The batch to apply in place of {@code batch}: the same, with an open chunk merged in. */
  public List<Transaction> merge(List<Transaction> batch) {
    ChunkWindow window = open.get();
    if (window == null) {
      batch.forEach(recent::add);
      return batch;
    }
    List<Transaction> merged = new ArrayList<>(batch.size());
    for (Transaction tx : batch) {
      merged.add(window.observe(tx, recent));
      recent.add(tx);
    }
    if (window.passed()) {
      open.compareAndSet(window, null);
      passed = window;
    }
    return merged;
  }

  /** The batch last returned by {@link #merge} was committed. */
  public void applied() {
    ChunkWindow window = passed;
    passed = null;
    if (window != null) {
      window.applied();
    }
  }
}
