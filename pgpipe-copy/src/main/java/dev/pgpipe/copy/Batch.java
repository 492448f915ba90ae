package dev.pgpipe.copy;

import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Encoded rows waiting to be loaded: the tuples back to back, where each ends, and (when bad rows
 * are to be handed back) the rows themselves. Confined to one thread at a time.
 */
final class Batch<T> {

  private final long id;
  private final WireBuffer data;
  private final boolean retainRows;
  private final List<T> rows = new ArrayList<>();
  private int[] ends = new int[1024];
  private int count;
  private long firstRowNanos;
  private @Nullable Consumer<RunningTransaction> afterRows;

  Batch(long id, WireBuffer data, boolean retainRows) {
    this.id = id;
    this.data = data;
    this.retainRows = retainRows;
    data.clear();
  }

  /** Encodes {@code row}; on EncodingException nothing is added. */
  void add(T row, RowEncoder<T> encoder, long rowNumber, long nowNanos) {
    encoder.encode(row, data, rowNumber);
    if (count == ends.length) {
      ends = Arrays.copyOf(ends, count * 2);
    }
    ends[count++] = data.size();
    if (retainRows) {
      rows.add(row);
    }
    if (count == 1) {
      firstRowNanos = nowNanos;
    }
  }

  /** Has {@code step} run in the batch's transaction, after its rows (BatchWriter#closeWith). */
  void runAfterRows(Consumer<RunningTransaction> step) {
    afterRows = step;
  }

  /** What runs in the batch's transaction after its rows; null for nothing. */
  @Nullable Consumer<RunningTransaction> afterRows() {
    return afterRows;
  }

  long id() {
    return id;
  }

  int rows() {
    return count;
  }

  int bytes() {
    return data.size();
  }

  /** CRC-32C of the encoded rows: the batch's contents, for the ledger. */
  long crc32c() {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(data.array(), 0, data.size());
    return crc.getValue();
  }

  long firstRowNanos() {
    return firstRowNanos;
  }

  WireBuffer data() {
    return data;
  }

  int start(int row) {
    return row == 0 ? 0 : ends[row - 1];
  }

  int end(int row) {
    return ends[row];
  }

  boolean retainsRows() {
    return retainRows;
  }

  T row(int index) {
    return rows.get(index);
  }
}
