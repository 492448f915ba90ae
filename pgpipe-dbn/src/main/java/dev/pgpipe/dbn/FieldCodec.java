package dev.pgpipe.dbn;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes one field of a little-endian buffer as the boxed Java value the immutable
 * records hold (see {@link FieldType}). Strings are bytes up to the first NUL, one char per byte
 * (ISO-8859-1), so every byte sequence survives a decode and re-encode unchanged.
 */
final class FieldCodec {
  private FieldCodec() {}

  static long readInteger(FieldType type, ByteBuffer buf, int at) {
    return switch (type) {
      case U8 -> buf.get(at) & 0xFFL;
      case I8 -> buf.get(at);
      case U16 -> buf.getShort(at) & 0xFFFFL;
      case I16 -> buf.getShort(at);
      case U32 -> buf.getInt(at) & 0xFFFF_FFFFL;
      case I32 -> buf.getInt(at);
      case U64, I64, PRICE, TIMESTAMP -> buf.getLong(at);
      case CHAR -> buf.get(at) & 0xFFL;
      default -> throw new IllegalArgumentException("not an integer field: " + type);
    };
  }

  static Object read(Field field, ByteBuffer buf, int base) {
    int at = base + field.offset();
    return switch (field.type()) {
      case U8, I8, U16, I16, I32 -> (int) readInteger(field.type(), buf, at);
      case U32, U64, I64, PRICE, TIMESTAMP -> readInteger(field.type(), buf, at);
      case CHAR -> (char) (buf.get(at) & 0xFF);
      case CSTRING -> cString(buf, at, field.size());
      case LEVELS -> levels(buf, at, field.levelCount());
      case CONSOLIDATED_LEVELS -> consolidatedLevels(buf, at, field.levelCount());
      case RESERVED -> throw new IllegalArgumentException("reserved fields have no value");
    };
  }

  static String cString(ByteBuffer buf, int at, int size) {
    char[] chars = new char[size];
    int n = 0;
    while (n < size) {
      byte b = buf.get(at + n);
      if (b == 0) {
        break;
      }
      chars[n++] = (char) (b & 0xFF);
    }
    return new String(chars, 0, n);
  }

  private static List<BidAskPair> levels(ByteBuffer buf, int at, int count) {
    List<BidAskPair> levels = new ArrayList<>(count);
    for (int i = 0, p = at; i < count; i++, p += 32) {
      levels.add(
          new BidAskPair(
              buf.getLong(p),
              buf.getLong(p + 8),
              buf.getInt(p + 16) & 0xFFFF_FFFFL,
              buf.getInt(p + 20) & 0xFFFF_FFFFL,
              buf.getInt(p + 24) & 0xFFFF_FFFFL,
              buf.getInt(p + 28) & 0xFFFF_FFFFL));
    }
    return levels;
  }

  private static List<ConsolidatedBidAskPair> consolidatedLevels(
      ByteBuffer buf, int at, int count) {
    List<ConsolidatedBidAskPair> levels = new ArrayList<>(count);
    for (int i = 0, p = at; i < count; i++, p += 32) {
      levels.add(
          new ConsolidatedBidAskPair(
              buf.getLong(p),
              buf.getLong(p + 8),
              buf.getInt(p + 16) & 0xFFFF_FFFFL,
              buf.getInt(p + 20) & 0xFFFF_FFFFL,
              buf.getShort(p + 24) & 0xFFFF,
              buf.getShort(p + 28) & 0xFFFF));
    }
    return levels;
  }

  static void write(Field field, Object value, ByteBuffer buf, int base) {
    int at = base + field.offset();
    switch (field.type()) {
      case U8, I8, U16, I16, I32 -> writeInteger(field, ((Integer) value).longValue(), buf, at);
      case U32, U64, I64, PRICE, TIMESTAMP -> writeInteger(field, (Long) value, buf, at);
      case CHAR -> writeInteger(field, (Character) value, buf, at);
      case CSTRING -> writeCString(field, (String) value, buf, at);
      case LEVELS, CONSOLIDATED_LEVELS -> writeLevels(field, (List<?>) value, buf, at);
      case RESERVED -> throw new IllegalArgumentException("reserved fields have no value");
    }
  }

  static void writeInteger(Field field, long value, ByteBuffer buf, int at) {
    switch (field.type()) {
      case U8, CHAR -> buf.put(at, (byte) checkRange(field, value, 0, 0xFF));
      case I8 -> buf.put(at, (byte) checkRange(field, value, Byte.MIN_VALUE, Byte.MAX_VALUE));
      case U16 -> buf.putShort(at, (short) checkRange(field, value, 0, 0xFFFF));
      case I16 ->
          buf.putShort(at, (short) checkRange(field, value, Short.MIN_VALUE, Short.MAX_VALUE));
      case U32 -> buf.putInt(at, (int) checkRange(field, value, 0, 0xFFFF_FFFFL));
      case I32 -> buf.putInt(at, (int) value);
      default -> buf.putLong(at, value);
    }
  }

  private static long checkRange(Field field, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(
          field.name() + " must be in [" + min + ", " + max + "]: " + value);
    }
    return value;
  }

  private static void writeCString(Field field, String value, ByteBuffer buf, int at) {
    if (value.length() > field.size()) {
      throw new IllegalArgumentException(
          field.name() + " holds at most " + field.size() + " bytes: \"" + value + "\"");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == 0 || c > 0xFF) {
        throw new IllegalArgumentException(
            field.name() + " must be NUL-free ISO-8859-1 text: \"" + value + "\"");
      }
      buf.put(at + i, (byte) c);
    }
    for (int i = value.length(); i < field.size(); i++) {
      buf.put(at + i, (byte) 0);
    }
  }

  private static void writeLevels(Field field, List<?> levels, ByteBuffer buf, int at) {
    int p = at;
    for (Object level : levels) {
      switch (level) {
        case BidAskPair l -> {
          putPair(buf, p, l.bidPx(), l.askPx(), l.bidSz(), l.askSz());
          buf.putInt(p + 24, (int) l.bidCt()).putInt(p + 28, (int) l.askCt());
        }
        case ConsolidatedBidAskPair l -> {
          putPair(buf, p, l.bidPx(), l.askPx(), l.bidSz(), l.askSz());
          buf.putShort(p + 24, (short) l.bidPb()).putShort(p + 28, (short) l.askPb());
        }
        default -> throw new IllegalArgumentException(field.name() + " holds " + level);
      }
      p += 32;
    }
  }

  private static void putPair(ByteBuffer buf, int p, long bid, long ask, long bidSz, long askSz) {
    buf.putLong(p, bid).putLong(p + 8, ask).putInt(p + 16, (int) bidSz).putInt(p + 20, (int) askSz);
  }
}
