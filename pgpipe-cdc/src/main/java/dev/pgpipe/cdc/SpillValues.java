package dev.pgpipe.cdc;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The binary form of row values in a spill file: a tag byte, then the value. Covers every Java type
 * of {@link dev.pgpipe.cdc.value.ValueKind}, {@link Unchanged} and null; {@link #write} returns
 * false for anything else (the caller then writes the event another way). Stateless.
 */
final class SpillValues {

  private static final int NULL = 0;
  private static final int UNCHANGED = 1;
  private static final int BOOL = 2;
  private static final int SHORT = 3;
  private static final int INT = 4;
  private static final int LONG = 5;
  private static final int FLOAT = 6;
  private static final int DOUBLE = 7;
  private static final int DECIMAL = 8;
  private static final int BYTES = 9;
  private static final int UUID_TAG = 10;
  private static final int DATE = 11;
  private static final int TIME = 12;
  private static final int TIMETZ = 13;
  private static final int TIMESTAMP = 14;
  private static final int INSTANT = 15;
  private static final int STRING = 16;
  private static final int LIST = 17;

  private SpillValues() {}

  /** Writes the value; false (and possibly a partial write) when its type has no binary form. */
  static boolean write(DataOutput out, @Nullable Object value) throws IOException {
    switch (value) {
      case null -> out.writeByte(NULL);
      case Unchanged u -> out.writeByte(UNCHANGED);
      case Boolean b -> tagged(out, BOOL).writeBoolean(b);
      case Short s -> tagged(out, SHORT).writeShort(s);
      case Integer i -> tagged(out, INT).writeInt(i);
      case Long l -> tagged(out, LONG).writeLong(l);
      case Float f -> tagged(out, FLOAT).writeFloat(f);
      case Double d -> tagged(out, DOUBLE).writeDouble(d);
      case BigDecimal d -> {
        bytes(tagged(out, DECIMAL), d.unscaledValue().toByteArray());
        out.writeInt(d.scale());
      }
      case byte[] b -> bytes(tagged(out, BYTES), b);
      case UUID u -> {
        tagged(out, UUID_TAG).writeLong(u.getMostSignificantBits());
        out.writeLong(u.getLeastSignificantBits());
      }
      case String s -> bytes(tagged(out, STRING), s.getBytes(StandardCharsets.UTF_8));
      case List<?> list -> {
        tagged(out, LIST).writeInt(list.size());
        for (Object element : list) {
          if (!write(out, element)) {
            return false;
          }
        }
      }
      default -> {
        return writeTemporal(out, value);
      }
    }
    return true;
  }

  /** Dates and times; false for any other type. */
  private static boolean writeTemporal(DataOutput out, Object value) throws IOException {
    switch (value) {
      case LocalDate d -> tagged(out, DATE).writeLong(d.toEpochDay());
      case LocalTime t -> tagged(out, TIME).writeLong(t.toNanoOfDay());
      case OffsetTime t -> {
        tagged(out, TIMETZ).writeLong(t.toLocalTime().toNanoOfDay());
        out.writeInt(t.getOffset().getTotalSeconds());
      }
      case LocalDateTime t -> {
        tagged(out, TIMESTAMP).writeLong(t.toLocalDate().toEpochDay());
        out.writeLong(t.toLocalTime().toNanoOfDay());
      }
      case Instant i -> {
        tagged(out, INSTANT).writeLong(i.getEpochSecond());
        out.writeInt(i.getNano());
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  private static DataOutput tagged(DataOutput out, int tag) throws IOException {
    out.writeByte(tag);
    return out;
  }

  private static void bytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /** Reads a value {@link #write} wrote. */
  static @Nullable Object read(DataInput in) throws IOException {
    int tag = in.readByte();
    return switch (tag) {
      case NULL -> null;
      case UNCHANGED -> Unchanged.VALUE;
      case BOOL -> in.readBoolean();
      case SHORT -> in.readShort();
      case INT -> in.readInt();
      case LONG -> in.readLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case DECIMAL -> new BigDecimal(new BigInteger(bytes(in)), in.readInt());
      case BYTES -> bytes(in);
      case UUID_TAG -> new UUID(in.readLong(), in.readLong());
      case DATE -> LocalDate.ofEpochDay(in.readLong());
      case TIME -> LocalTime.ofNanoOfDay(in.readLong());
      case TIMETZ ->
          OffsetTime.of(
              LocalTime.ofNanoOfDay(in.readLong()), ZoneOffset.ofTotalSeconds(in.readInt()));
      case TIMESTAMP ->
          LocalDateTime.of(
              LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
      case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
      case STRING -> new String(bytes(in), StandardCharsets.UTF_8);
      case LIST -> list(in);
      default -> throw new IOException("corrupt spill file: unknown value tag " + tag);
    };
  }

  private static List<@Nullable Object> list(DataInput in) throws IOException {
    int size = in.readInt();
    List<@Nullable Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(read(in));
    }
    return list;
  }

  private static byte[] bytes(DataInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }
}
