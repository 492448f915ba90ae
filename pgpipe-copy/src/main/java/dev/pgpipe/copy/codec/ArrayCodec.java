package dev.pgpipe.copy.codec;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Arrays of any supported element type, with up to 6 dimensions and NULL elements.
 *
 * <pre>
 * int32 ndim | int32 flags (1 = has NULLs) | int32 element type OID
 * ndim x (int32 size | int32 lower bound)
 * each element: int32 length (-1 = NULL) | bytes
 * </pre>
 *
 * Accepts {@link PgArray}, a {@link List} or an {@code Object[]} (nested for more dimensions; they
 * must be rectangular) and primitive arrays ({@code long[]}, {@code int[]}, ...; not {@code
 * byte[]}, which is a bytea value). The element OID must be the column's element type: built-in for
 * most, from the catalog for enums. Decoding gives {@link PgArray}.
 */
record ArrayCodec(PgType type, Codec element, int elementOid) implements Codec {

  private static final int MAX_DIMENSIONS = 6;

  @Override
  public void encode(Object value, WireBuffer out) {
    PgArray array = value instanceof PgArray given ? given : flatten(value);
    boolean hasNulls = array.elements().contains(null);
    out.putInt(array.dimensions().size());
    out.putInt(hasNulls ? 1 : 0);
    out.putInt(elementOid);
    for (int d = 0; d < array.dimensions().size(); d++) {
      out.putInt(array.dimensions().get(d));
      out.putInt(array.lowerBounds().get(d));
    }
    for (Object item : array.elements()) {
      if (item == null) {
        out.putInt(-1);
      } else {
        int field = out.beginField();
        element.encode(item, out);
        out.endField(field);
      }
    }
  }

  private PgArray flatten(Object value) {
    if (!isArrayLike(value)) {
      throw new ValueRejectedException(type + " (" + accepts() + ")", value.getClass().getName());
    }
    List<Integer> dimensions = new ArrayList<>();
    @Nullable Object level = value;
    while (level != null && isArrayLike(level)) {
      int size = sizeOf(level);
      dimensions.add(size);
      if (size == 0) {
        return PgArray.of(List.of());
      }
      level = itemOf(level, 0);
    }
    if (dimensions.size() > MAX_DIMENSIONS) {
      throw new ValueRejectedException(
          "an array of at most 6 dimensions", dimensions.size() + " dimensions");
    }
    List<@Nullable Object> elements = new ArrayList<>();
    collect(value, 0, dimensions, elements);
    return new PgArray(dimensions, dimensions.stream().map(d -> 1).toList(), elements);
  }

  private void collect(
      @Nullable Object level, int depth, List<Integer> dimensions, List<@Nullable Object> into) {
    boolean leaf = depth == dimensions.size();
    if (leaf) {
      if (level != null && isArrayLike(level)) {
        throw new ValueRejectedException("a rectangular array", "a ragged nested array");
      }
      into.add(level);
      return;
    }
    if (level == null || !isArrayLike(level) || sizeOf(level) != dimensions.get(depth)) {
      throw new ValueRejectedException(
          "a rectangular array of dimensions " + dimensions, "a ragged nested array");
    }
    for (int i = 0; i < dimensions.get(depth); i++) {
      collect(itemOf(level, i), depth + 1, dimensions, into);
    }
  }

  private static boolean isArrayLike(@Nullable Object value) {
    return value instanceof List<?>
        || (value != null && value.getClass().isArray() && !(value instanceof byte[]));
  }

  private static int sizeOf(Object value) {
    return value instanceof List<?> list ? list.size() : Array.getLength(value);
  }

  private static @Nullable Object itemOf(Object value, int index) {
    return value instanceof List<?> list ? list.get(index) : Array.get(value, index);
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    int end = offset + length;
    Read.remaining("array header", offset, 12, end);
    int ndim = Read.int32(bytes, offset);
    int oid = Read.int32(bytes, offset + 8);
    if (ndim < 0 || ndim > MAX_DIMENSIONS || oid != elementOid) {
      throw new CopyFormatException(
          "bad array header: "
              + ndim
              + " dimensions, element OID "
              + oid
              + " (want "
              + elementOid
              + ")",
          offset);
    }
    int position = offset + 12;
    Read.remaining("array dimensions", position, 8 * ndim, end);
    List<Integer> dimensions = new ArrayList<>();
    List<Integer> lowerBounds = new ArrayList<>();
    long count = ndim == 0 ? 0 : 1;
    for (int d = 0; d < ndim; d++) {
      dimensions.add(Read.int32(bytes, position));
      lowerBounds.add(Read.int32(bytes, position + 4));
      count *= dimensions.get(d);
      position += 8;
    }
    List<@Nullable Object> elements = readElements(bytes, position, end, count);
    return new PgArray(dimensions, lowerBounds, elements);
  }

  private List<@Nullable Object> readElements(byte[] bytes, int start, int end, long count) {
    List<@Nullable Object> elements = new ArrayList<>();
    int position = start;
    for (long i = 0; i < count; i++) {
      Read.remaining("array element length", position, 4, end);
      int size = Read.int32(bytes, position);
      position += 4;
      if (size < 0) {
        elements.add(null);
        continue;
      }
      Read.remaining("array element", position, size, end);
      elements.add(element.decode(bytes, position, size));
      position += size;
    }
    return elements;
  }

  @Override
  public String accepts() {
    return "PgArray, List, Object[] or a primitive array of " + element.accepts();
  }
}
