package dev.pgpipe.sink.deadletter;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Which dead letters a command acts on: every condition given must hold; none given selects all.
 *
 * @param ids only these ids (empty: any)
 * @param table only this table, {@code schema.table} or {@code table} (in any schema)
 * @param sourceId only letters of this source id
 * @param since only letters refused at or after this instant
 */
public record LetterFilter(
    List<Long> ids, @Nullable String table, @Nullable String sourceId, @Nullable Instant since) {

  public static final LetterFilter ALL = new LetterFilter(List.of(), null, null, null);

  public LetterFilter {
    ids = List.copyOf(ids);
    for (long id : ids) {
      if (id < 1) {
        throw new IllegalArgumentException("dead-letter id must be > 0: " + id);
      }
    }
  }

  /** Whether nothing narrows the selection. */
  public boolean selectsAll() {
    return ids.isEmpty() && table == null && sourceId == null && since == null;
  }

  /** The schema part of {@link #table()}, or null when it names no schema. */
  @Nullable String schemaName() {
    String t = table;
    int dot = t == null ? -1 : t.indexOf('.');
    return t == null || dot < 0 ? null : t.substring(0, dot);
  }

  /** The table part of {@link #table()}. */
  @Nullable String tableName() {
    String t = table;
    return t == null ? null : t.substring(t.indexOf('.') + 1);
  }
}
