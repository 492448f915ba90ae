package dev.pgpipe.dbn;

/**
 * One field of a record layout.
 *
 * @param name the field name of the DBN spec, e.g. {@code "ts_recv"}
 * @param type wire type
 * @param offset byte offset from the start of the record (the header is bytes 0..15)
 * @param size bytes on the wire; for strings the fixed array length, for levels 32 per level
 */
public record Field(String name, FieldType type, int offset, int size) {
  /** The number of book levels of a level array. */
  public int levelCount() {
    return size / 32;
  }

  static int sizeOf(FieldType type, int length) {
    return switch (type) {
      case U8, I8, CHAR -> 1;
      case U16, I16 -> 2;
      case U32, I32 -> 4;
      case U64, I64, PRICE, TIMESTAMP -> 8;
      case CSTRING, RESERVED -> length;
      case LEVELS, CONSOLIDATED_LEVELS -> 32 * length;
    };
  }

  /**
   * Parses {@code "name:type"} with types u8 i8 u16 i16 u32 i32 u64 i64 px ts char cN rN bapN
   * cbapN.
   */
  static Field parse(String spec, int offset) {
    int colon = spec.indexOf(':');
    String name = spec.substring(0, colon);
    String token = spec.substring(colon + 1);
    FieldType type;
    int length = 0;
    switch (token) {
      case "u8" -> type = FieldType.U8;
      case "i8" -> type = FieldType.I8;
      case "u16" -> type = FieldType.U16;
      case "i16" -> type = FieldType.I16;
      case "u32" -> type = FieldType.U32;
      case "i32" -> type = FieldType.I32;
      case "u64" -> type = FieldType.U64;
      case "i64" -> type = FieldType.I64;
      case "px" -> type = FieldType.PRICE;
      case "ts" -> type = FieldType.TIMESTAMP;
      case "char" -> type = FieldType.CHAR;
      default -> {
        String digits = token.replaceAll("^[a-z]+", "");
        String kind = token.substring(0, token.length() - digits.length());
        length = Integer.parseInt(digits);
        type =
            switch (kind) {
              case "c" -> FieldType.CSTRING;
              case "r" -> FieldType.RESERVED;
              case "bap" -> FieldType.LEVELS;
              case "cbap" -> FieldType.CONSOLIDATED_LEVELS;
              default -> throw new IllegalArgumentException("unknown field type: " + spec);
            };
      }
    }
    return new Field(name, type, offset, sizeOf(type, length));
  }
}
