package dev.pgpipe.sink;

import dev.pgpipe.cdc.ChangeEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One thing a planned batch does to the target, in order. */
sealed interface Step {

  /** The net changes to one table, one row per key, applied set-based. */
  record Rows(TargetTable table, LinkedHashMap<List<String>, NetRow> rows) implements Step {}

  /** {@code TRUNCATE} of the tables, as the source did it. */
  record Truncate(List<TargetTable> tables, boolean restartIdentity, ChangeEvent event)
      implements Step {}

  /** An update that changed the key: moved on its own, in order with the rest. */
  record KeyChange(
      TargetTable table,
      Map<String, @Nullable Object> oldKey,
      Map<String, @Nullable Object> row,
      ChangeEvent event)
      implements Step {}

  /** An event the target cannot take at all (unknown column, no key): a dead letter. */
  record Reject(ChangeEvent event, String reason) implements Step {}
}
