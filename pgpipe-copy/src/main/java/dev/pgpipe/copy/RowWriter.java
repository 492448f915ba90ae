package dev.pgpipe.copy;

import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Something rows are written to: a {@link CopyWriter} or a {@link BatchWriter}. */
public interface RowWriter<T> extends AutoCloseable {

  /** Writes one row. */
  void write(T row);

  /** Writes every row, in order. */
  default void writeAll(Iterable<? extends T> rows) {
    for (T row : rows) {
      write(row);
    }
  }

  /**
   * A writer of source objects that go through {@code transform} (a plain function, which may
   * consult lookups that change while loading) first; a null result skips the object. Closing it
   * closes this writer.
   */
  default <S> RowWriter<S> from(Function<? super S, ? extends @Nullable T> transform) {
    RowWriter<T> target = this;
    return new RowWriter<>() {
      @Override
      public void write(S source) {
        T row = transform.apply(source);
        if (row != null) {
          target.write(row);
        }
      }

      @Override
      public void close() {
        target.close();
      }
    };
  }

  @Override
  void close();
}
