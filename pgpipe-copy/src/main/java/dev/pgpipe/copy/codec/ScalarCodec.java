package dev.pgpipe.copy.codec;

import java.util.UUID;

/**
 * bool, int2, int4, int8, float4, float8, "char", uuid and bytea.
 *
 * <pre>
 * bool    1 byte, 0 or 1          int2/int4/int8   2/4/8 bytes, two's complement
 * float4  IEEE-754 single         float8           IEEE-754 double
 * "char"  1 byte                  uuid             16 bytes, most significant first
 * bytea   the bytes as they are
 * </pre>
 *
 * Integer types take exactly their Java box (Short, Integer, Long): a narrower or wider number is
 * refused rather than widened, so a definition that disagrees with its table fails loudly.
 */
record ScalarCodec(PgType type) implements Codec {

  @Override
  public void encode(Object value, WireBuffer out) {
    switch (type.kind()) {
      case BOOL -> out.putByte(((Boolean) expect(value, Boolean.class)) ? 1 : 0);
      case INT2 -> out.putShort((Short) expect(value, Short.class));
      case INT4 -> out.putInt((Integer) expect(value, Integer.class));
      case INT8 -> out.putLong((Long) expect(value, Long.class));
      case FLOAT4 -> out.putInt(Float.floatToIntBits((Float) expect(value, Float.class)));
      case FLOAT8 -> out.putLong(Double.doubleToLongBits((Double) expect(value, Double.class)));
      case CHAR -> out.putByte(charByte(value));
      case UUID -> {
        UUID uuid = (UUID) expect(value, UUID.class);
        out.putLong(uuid.getMostSignificantBits());
        out.putLong(uuid.getLeastSignificantBits());
      }
      case BYTEA -> {
        byte[] bytes = (byte[]) expect(value, byte[].class);
        out.putBytes(bytes, 0, bytes.length);
      }
      default -> throw new IllegalStateException("not a scalar type: " + type);
    }
  }

  private Object expect(Object value, Class<?> javaType) {
    if (!javaType.isInstance(value)) {
      throw new ValueRejectedException(
          type + " (" + javaType.getSimpleName() + ")", value.getClass().getSimpleName());
    }
    return value;
  }

  private static int charByte(Object value) {
    if (value instanceof Byte b) {
      return b;
    }
    if (value instanceof Character c && c <= 0xFF) {
      return c;
    }
    throw new ValueRejectedException(
        "\"char\" (Byte, or a Character up to U+00FF)", describe(value));
  }

  private static String describe(Object value) {
    return value instanceof Character c
        ? "Character U+" + Integer.toHexString(c)
        : value.getClass().getSimpleName();
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    String name = type.kind().shortName();
    return switch (type.kind()) {
      case BOOL -> {
        Read.width(name, length, 1, offset);
        yield bytes[offset] != 0;
      }
      case INT2 -> {
        Read.width(name, length, 2, offset);
        yield Read.int16(bytes, offset);
      }
      case INT4 -> {
        Read.width(name, length, 4, offset);
        yield Read.int32(bytes, offset);
      }
      case INT8 -> {
        Read.width(name, length, 8, offset);
        yield Read.int64(bytes, offset);
      }
      default -> decodeOther(bytes, offset, length, name);
    };
  }

  private Object decodeOther(byte[] bytes, int offset, int length, String name) {
    return switch (type.kind()) {
      case FLOAT4 -> {
        Read.width(name, length, 4, offset);
        yield Float.intBitsToFloat(Read.int32(bytes, offset));
      }
      case FLOAT8 -> {
        Read.width(name, length, 8, offset);
        yield Double.longBitsToDouble(Read.int64(bytes, offset));
      }
      case CHAR -> {
        Read.width(name, length, 1, offset);
        yield (char) (bytes[offset] & 0xFF);
      }
      case UUID -> {
        Read.width(name, length, 16, offset);
        yield new UUID(Read.int64(bytes, offset), Read.int64(bytes, offset + 8));
      }
      case BYTEA -> java.util.Arrays.copyOfRange(bytes, offset, offset + length);
      default -> throw new IllegalStateException("not a scalar type: " + type);
    };
  }

  @Override
  public String accepts() {
    return switch (type.kind()) {
      case BOOL -> "Boolean";
      case INT2 -> "Short";
      case INT4 -> "Integer";
      case INT8 -> "Long";
      case FLOAT4 -> "Float";
      case FLOAT8 -> "Double";
      case CHAR -> "Byte or Character";
      case UUID -> "UUID";
      default -> "byte[]";
    };
  }
}
