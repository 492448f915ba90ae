package dev.pgpipe.copy.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL array: its dimensions, their lower bounds and the elements in row-major order (NULL
 * elements as null). An empty array has no dimensions.
 */
public record PgArray(
    List<Integer> dimensions, List<Integer> lowerBounds, List<@Nullable Object> elements) {

  public PgArray {
    dimensions = List.copyOf(dimensions);
    lowerBounds = List.copyOf(lowerBounds);
    elements = Collections.unmodifiableList(new ArrayList<@Nullable Object>(elements));
    if (dimensions.size() != lowerBounds.size() || dimensions.size() > 6) {
      throw new IllegalArgumentException(
          "need as many lower bounds as dimensions, at most 6: " + dimensions + lowerBounds);
    }
    long count = dimensions.isEmpty() ? 0 : 1;
    for (int size : dimensions) {
      count *= size;
    }
    if (count != elements.size()) {
      throw new IllegalArgumentException(
          "dimensions " + dimensions + " need " + count + " elements: " + elements.size());
    }
  }

  /** A one-dimensional array with lower bound 1. */
  public static PgArray of(List<@Nullable Object> elements) {
    return elements.isEmpty()
        ? new PgArray(List.of(), List.of(), List.of())
        : new PgArray(List.of(elements.size()), List.of(1), elements);
  }

  /** The elements as nested lists, one level per dimension. */
  public List<@Nullable Object> toNestedList() {
    if (dimensions.size() <= 1) {
      return elements;
    }
    return nest(0, 0);
  }

  private List<@Nullable Object> nest(int dimension, int start) {
    int stride = 1;
    for (int d = dimension + 1; d < dimensions.size(); d++) {
      stride *= dimensions.get(d);
    }
    List<@Nullable Object> level = new ArrayList<>();
    for (int i = 0; i < dimensions.get(dimension); i++) {
      int from = start + i * stride;
      level.add(
          dimension == dimensions.size() - 1 ? elements.get(from) : nest(dimension + 1, from));
    }
    return level;
  }
}
