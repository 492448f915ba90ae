package dev.pgpipe.dbn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The byte layout of one DBN record struct: its fields after the 16-byte {@link RecordHeader}, at
 * fixed offsets, and the immutable record type that holds it. Layouts are constants in {@link
 * Layouts}; they let hot loops read any field through a {@link RecordRef} by offset, and drive the
 * generic encoders, decoders and text writers. Immutable and thread-safe.
 */
public final class Layout {
  /** Size of the record header that precedes every layout's fields. */
  public static final int HEADER_SIZE = 16;

  private final String name;
  private final int size;
  private final Class<? extends DbnRecord> recordType;
  private final List<Field> fields;
  private final Map<String, Field> byName;

  private Layout(String name, int size, Class<? extends DbnRecord> recordType, List<Field> fields) {
    this.name = name;
    this.size = size;
    this.recordType = recordType;
    this.fields = List.copyOf(fields);
    Map<String, Field> map = new HashMap<>();
    for (Field field : fields) {
      map.put(field.name(), field);
    }
    this.byName = Map.copyOf(map);
  }

  /**
   * Builds a layout from whitespace-separated field specs in wire order ({@code "price:px"});
   * offsets follow one another from byte 16 and must add up to {@code size}.
   */
  static Layout of(String name, int size, Class<? extends DbnRecord> recordType, String specs) {
    List<Field> fields = new ArrayList<>();
    int offset = HEADER_SIZE;
    for (String spec : specs.strip().split("\\s+")) {
      Field field = Field.parse(spec, offset);
      fields.add(field);
      offset += field.size();
    }
    if (offset != size) {
      throw new IllegalStateException(name + " fields add up to " + offset + ", not " + size);
    }
    return new Layout(name, size, recordType, fields);
  }

  /** The DBN struct name, e.g. {@code "MboMsg"}. */
  public String name() {
    return name;
  }

  /** Size in bytes including the header, without {@code ts_out}. */
  public int size() {
    return size;
  }

  /** The immutable record type for this layout. */
  public Class<? extends DbnRecord> recordType() {
    return recordType;
  }

  /** Fields after the header, in wire order, reserved ones included. */
  public List<Field> fields() {
    return fields;
  }

  /** The field with a spec name, e.g. {@code "price"}. */
  public Optional<Field> field(String fieldName) {
    return Optional.ofNullable(byName.get(fieldName));
  }

  /** The offset of a field that must exist; for hot loops to look up once. */
  public int offsetOf(String fieldName) {
    Field field = byName.get(fieldName);
    if (field == null) {
      throw new IllegalArgumentException(name + " has no field " + fieldName);
    }
    return field.offset();
  }

  @Override
  public String toString() {
    return name + "(" + size + " bytes)";
  }
}
