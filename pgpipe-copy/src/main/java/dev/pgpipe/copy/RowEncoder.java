package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.Codec;
import dev.pgpipe.copy.codec.Codecs;
import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.ValueRejectedException;
import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes rows of a {@link Table} as binary COPY tuples into a {@link WireBuffer}. Fixed-width
 * columns read through primitive accessors encode without allocating: in steady state (the buffer
 * grown to its working size) a row of such columns allocates nothing. Immutable and thread-safe;
 * the buffer is the caller's.
 *
 * <p>{@link #encode} throws {@link EncodingException} naming table, column, row, expected and
 * actual, and leaves the buffer as it was before the row.
 */
public final class RowEncoder<T> {

  private final Table<T> table;
  private final List<FieldWriter<T>> writers;
  private final FieldWriter<T>[] fields;
  private final List<Codec> codecs;

  RowEncoder(Table<T> table, List<Codec> codecs) {
    this.table = table;
    this.codecs = List.copyOf(codecs);
    List<FieldWriter<T>> built = new ArrayList<>();
    for (int i = 0; i < table.columns().size(); i++) {
      built.add(FieldWriters.of(table.columns().get(i), codecs.get(i)));
    }
    this.writers = List.copyOf(built);
    @SuppressWarnings("unchecked")
    FieldWriter<T>[] array = writers.toArray(new FieldWriter[0]);
    this.fields = array;
  }

  /**
   * An encoder for a table of built-in types only (enum columns need the catalog: writers build
   * their encoders after the schema check).
   */
  public static <T> RowEncoder<T> of(Table<T> table) {
    List<Codec> codecs = new ArrayList<>();
    for (MappedColumn<T> column : table.columns()) {
      if (column.type().kind() == PgKind.ENUM) {
        throw new IllegalArgumentException(
            "column "
                + column.name()
                + " is an enum: its OID comes from the catalog; use a writer");
      }
      codecs.add(Codecs.forType(column.type()));
    }
    return new RowEncoder<>(table, codecs);
  }

  /** Appends one tuple; {@code rowNumber} only names the row in errors. */
  public void encode(T row, WireBuffer out, long rowNumber) {
    int start = out.size();
    out.putShort(fields.length);
    int i = 0;
    try {
      for (; i < fields.length; i++) {
        fields[i].write(row, out);
      }
    } catch (ValueRejectedException e) {
      out.truncate(start);
      throw new EncodingException(
          table.schema() + "." + table.name(),
          table.columns().get(i).name(),
          rowNumber,
          e.expected(),
          e.actual());
    } catch (RuntimeException e) {
      out.truncate(start);
      throw e;
    }
  }

  /** The table it encodes. */
  public Table<T> table() {
    return table;
  }

  /** The codec of each column, in order (for decoding what was written). */
  public List<Codec> codecs() {
    return codecs;
  }
}
