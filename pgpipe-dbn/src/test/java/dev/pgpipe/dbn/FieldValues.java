package dev.pgpipe.dbn;

/** Reads a field by its EXPECTATIONS.md name ({@code hd.ts_event}, {@code levels[1].bid_px}). */
final class FieldValues {
  private static final String[] LEVEL = {
    "bid_px", "ask_px", "bid_sz", "ask_sz", "bid_ct", "ask_ct"
  };

  private FieldValues() {}

  static String text(RecordRef ref, String name) {
    switch (name) {
      case "hd.publisher_id" -> {
        return Integer.toString(ref.publisherId());
      }
      case "hd.instrument_id" -> {
        return Long.toString(ref.instrumentId());
      }
      case "hd.ts_event" -> {
        return Long.toUnsignedString(ref.tsEvent());
      }
      default -> {}
    }
    Layout layout = ref.layout();
    if (layout == null) {
      throw new IllegalArgumentException("unknown record " + ref);
    }
    if (name.startsWith("levels[")) {
      int level = name.charAt(7) - '0';
      String sub = name.substring(name.indexOf('.') + 1);
      int at = layout.offsetOf("levels") + 32 * level;
      return switch (sub) {
        case "bid_px" -> Long.toString(ref.i64(at));
        case "ask_px" -> Long.toString(ref.i64(at + 8));
        case "bid_sz" -> Long.toString(ref.u32(at + 16));
        case "ask_sz" -> Long.toString(ref.u32(at + 20));
        case "bid_ct" -> Long.toString(ref.u32(at + 24));
        case "ask_ct" -> Long.toString(ref.u32(at + 28));
        case "bid_pb" -> Integer.toString(ref.u16(at + 24));
        case "ask_pb" -> Integer.toString(ref.u16(at + 28));
        default -> throw new IllegalArgumentException(name);
      };
    }
    Field field =
        layout.field(name).orElseThrow(() -> new IllegalArgumentException(layout + " " + name));
    long value = ref.integer(field);
    return field.type() == FieldType.CHAR
        ? String.valueOf((char) value)
        : field.type() == FieldType.U64 || field.type() == FieldType.TIMESTAMP
            ? Long.toUnsignedString(value)
            : Long.toString(value);
  }
}
