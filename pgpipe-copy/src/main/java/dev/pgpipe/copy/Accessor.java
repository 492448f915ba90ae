package dev.pgpipe.copy;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * How a column's value is read from a row. The primitive forms read without boxing, so fixed-width
 * columns encode without allocating; {@link OfObject} serves everything else.
 */
public sealed interface Accessor<T> {

  /** int8, or a count since the epoch for timestamp columns. */
  record OfLong<T>(ToLongFunction<? super T> getter) implements Accessor<T> {}

  /** int4, int2 and char (a UTF-16 unit read as an int). */
  record OfInt<T>(ToIntFunction<? super T> getter) implements Accessor<T> {}

  /** float8 and float4. */
  record OfDouble<T>(ToDoubleFunction<? super T> getter) implements Accessor<T> {}

  /** bool. */
  record OfBoolean<T>(Predicate<? super T> getter) implements Accessor<T> {}

  /** A timestamp or timestamptz column read as a count since 1970-01-01 UTC. */
  record OfEpoch<T>(ToLongFunction<? super T> getter, EpochUnit unit) implements Accessor<T> {}

  /** Any value, encoded by the column's codec; null writes NULL. */
  record OfObject<T>(Function<? super T, ? extends @Nullable Object> getter)
      implements Accessor<T> {}
}
