package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One row of a {@link TableChanges}, as both apply paths take it.
 *
 * @param kind {@link #MOVE}, {@link #NONE}, {@link #INSERT}, {@link #UPSERT} or {@link #UPDATE}
 * @param deleteFirst delete the key before inserting (a net row whose run deleted the key)
 * @param values one per column of the {@link TableChanges}; {@link Unchanged#VALUE} keeps the
 *     target's value
 * @param oldKey for a move, the key it leaves, one value per key column; empty otherwise
 */
record RowChange(
    char kind, boolean deleteFirst, List<@Nullable Object> values, List<@Nullable Object> oldKey) {

  /** The row at the old key takes the new key and values. */
  static final char MOVE = 'M';

  /** Nothing is left (the run deleted the key). */
  static final char NONE = 'N';

  /** Inserted; fails when the key exists. */
  static final char INSERT = 'I';

  /** Inserted, or the existing row overwritten. */
  static final char UPSERT = 'P';

  /** The existing row updated; unchanged values kept. */
  static final char UPDATE = 'U';

  /** Whether the value of column {@code index} keeps the target's value. */
  boolean unchanged(int index) {
    return values.get(index) == Unchanged.VALUE;
  }

  /** Whether any value keeps the target's value. */
  boolean keepsAny() {
    return values.contains(Unchanged.VALUE);
  }
}
