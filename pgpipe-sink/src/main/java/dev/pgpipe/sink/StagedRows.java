package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.copy.EncodingException;
import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A step's rows as a binary COPY stream for their {@link StagingTable}, encoded by pgpipe-copy's
 * codecs. A column with a value that no codec takes exactly (a time past 23:59:59.999999, an
 * Integer for an int8 column, text for an interval: see {@link BinaryExact}) is staged as {@link
 * ValueText} instead, so the server converts it or refuses it exactly as its input function does.
 * Pure.
 *
 * @param stage the staging table, with the columns that needed text staged as text
 * @param copy the COPY stream: header, rows, trailer
 */
record StagedRows(StagingTable stage, WireBuffer copy) {

  /** Encodes the changes' rows, staging as text the columns whose values need it. */
  static StagedRows encode(TableChanges changes) {
    StagingTable stage = StagingTable.of(changes, inexactColumns(changes));
    for (int attempt = 0; ; attempt++) {
      try {
        return new StagedRows(stage, stream(stage));
      } catch (EncodingException e) {
        int column = stage.indexOfStaged(e.column());
        if (column < 0 || stage.stagedAsText(column) || attempt > changes.columns().size()) {
          throw e;
        }
        stage = stage.withText(column);
      }
    }
  }

  /** The columns with a value whose binary form would differ from its text. */
  private static Set<Integer> inexactColumns(TableChanges changes) {
    Set<Integer> inexact = new HashSet<>();
    for (RowChange row : changes.rows()) {
      for (int i = 0; i < row.values().size(); i++) {
        Object value = row.values().get(i);
        if (value != null && value != Unchanged.VALUE && !BinaryExact.exact(value)) {
          inexact.add(i);
        }
      }
      List<String> key = changes.table().key();
      for (int k = 0; k < row.oldKey().size(); k++) {
        Object value = row.oldKey().get(k);
        if (value != null && !BinaryExact.exact(value)) {
          inexact.add(changes.indexOf(key.get(k)));
        }
      }
    }
    return inexact;
  }

  private static WireBuffer stream(StagingTable stage) {
    TableChanges changes = stage.changes();
    RowEncoder<Object[]> encoder = RowEncoder.of(stage.copyTable());
    WireBuffer out = new WireBuffer(Math.max(1024, changes.rows().size() * 64));
    BinaryCopy.writeHeader(out);
    long number = 0;
    for (RowChange row : changes.rows()) {
      encoder.encode(staged(stage, row), out, number++);
    }
    BinaryCopy.writeTrailer(out);
    return out;
  }

  /** The staging row: kind, delete-first, unchanged flags, values (unchanged = NULL), old key. */
  @SuppressWarnings("NullAway") // pgpipe-copy reads Object[] rows whose elements may be null
  private static Object[] staged(StagingTable stage, RowChange row) {
    TableChanges changes = stage.changes();
    int columns = changes.columns().size();
    List<String> key = changes.table().key();
    Object[] staged = new Object[3 + columns + key.size()];
    staged[0] = row.kind();
    staged[1] = row.deleteFirst();
    staged[2] = row.keepsAny() ? unchangedFlags(row) : null; // NULL: keep none
    for (int i = 0; i < columns; i++) {
      staged[3 + i] = row.unchanged(i) ? null : value(stage, i, row.values().get(i));
    }
    for (int k = 0; k < row.oldKey().size(); k++) {
      staged[3 + columns + k] = value(stage, changes.indexOf(key.get(k)), row.oldKey().get(k));
    }
    return staged;
  }

  private static List<Boolean> unchangedFlags(RowChange row) {
    List<Boolean> flags = new ArrayList<>(row.values().size());
    for (int i = 0; i < row.values().size(); i++) {
      flags.add(row.unchanged(i));
    }
    return flags;
  }

  private static @Nullable Object value(StagingTable stage, int column, @Nullable Object value) {
    return value == null || !stage.stagedAsText(column) ? value : ValueText.text(value);
  }
}
