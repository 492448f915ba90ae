package dev.pgpipe.bench.replicate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One statement of a source transaction and its parameters, as a workload plans it; the writer runs
 * it. The parameters are strings, numbers, lists (arrays) and {@code Json}, possibly null.
 */
record Change(String sql, List<@Nullable Object> parameters) {

  Change {
    parameters = Collections.unmodifiableList(new ArrayList<>(parameters));
  }

  static Change of(String sql, @Nullable Object... parameters) {
    return new Change(sql, Arrays.asList(parameters));
  }

  @Nullable Object[] parameterArray() {
    return parameters.toArray();
  }
}
