package dev.pgpipe.dbn;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites version 1 and 2 records in their version 3 layout, following the reference "upgrade to
 * v3" policy: fields are copied by name (integers widened, strings copied into longer arrays),
 * fields that version 3 dropped are left out, and new fields take these defaults:
 *
 * <ul>
 *   <li>InstrumentDefMsg: leg prices {@link Dbn#UNDEF_PRICE}, leg ids, ratios and counts 0, {@code
 *       leg_side} 'N', other new fields zero;
 *   <li>StatMsg: quantity widened to i64, with i32 max (undefined) mapped to i64 max;
 *   <li>SymbolMappingMsg: {@code stype_in} and {@code stype_out} 0xFF (unknown);
 *   <li>SystemMsg: {@code code} 0 (heartbeat) when the text is "Heartbeat", else 0xFF;
 *   <li>ErrorMsg: {@code code} and {@code is_last} 0xFF.
 * </ul>
 *
 * <p>The header length is recomputed and {@code ts_out} kept.
 */
final class Upgrader {
  private Upgrader() {}

  /** The version 3 layout for an older layout that differs from it, else {@code null}. */
  static @Nullable Layout target(Layout from) {
    if (from == Layouts.INSTRUMENT_DEF_V1 || from == Layouts.INSTRUMENT_DEF_V2) {
      return Layouts.INSTRUMENT_DEF;
    } else if (from == Layouts.STAT_V1) {
      return Layouts.STAT;
    } else if (from == Layouts.ERROR_V1) {
      return Layouts.ERROR;
    } else if (from == Layouts.SYMBOL_MAPPING_V1) {
      return Layouts.SYMBOL_MAPPING;
    } else if (from == Layouts.SYSTEM_V1) {
      return Layouts.SYSTEM;
    }
    return null;
  }

  /** Writes the upgraded record at index 0 of {@code dst}; returns its size in bytes. */
  static int upgrade(
      ByteBuffer src, int base, Layout from, Layout to, boolean tsOut, ByteBuffer dst) {
    int size = to.size() + (tsOut ? 8 : 0);
    for (int i = 0; i < size; i++) {
      dst.put(i, (byte) 0);
    }
    for (int i = 1; i < Layout.HEADER_SIZE; i++) {
      dst.put(i, src.get(base + i));
    }
    dst.put(0, (byte) (size / 4));
    for (Field field : to.fields()) {
      Optional<Field> old = from.field(field.name());
      if (old.isPresent()) {
        copy(old.get(), field, src, base, dst);
      } else {
        setDefault(field, dst);
      }
    }
    if (from == Layouts.SYSTEM_V1) {
      String text = FieldCodec.cString(src, base + Layout.HEADER_SIZE, 64);
      int code = Dbn.HEARTBEAT_TEXT.equals(text) ? Dbn.SYSTEM_HEARTBEAT : Dbn.CODE_UNSET;
      dst.put(to.offsetOf("code"), (byte) code);
    }
    if (tsOut) {
      dst.putLong(to.size(), src.getLong(base + from.size()));
    }
    return size;
  }

  private static void copy(Field old, Field field, ByteBuffer src, int base, ByteBuffer dst) {
    FieldType type = field.type();
    if (type == FieldType.RESERVED) {
      return;
    }
    if (type.isInteger() || type == FieldType.CHAR) {
      long value = FieldCodec.readInteger(old.type(), src, base + old.offset());
      if (field.name().equals("quantity") && old.type() == FieldType.I32) {
        value = value == Dbn.UNDEF_STAT_QUANTITY_V1 ? Dbn.UNDEF_STAT_QUANTITY : value;
      }
      FieldCodec.writeInteger(field, value, dst, field.offset());
      return;
    }
    int n = Math.min(old.size(), field.size());
    for (int i = 0; i < n; i++) {
      dst.put(field.offset() + i, src.get(base + old.offset() + i));
    }
  }

  private static void setDefault(Field field, ByteBuffer dst) {
    if (field.type() == FieldType.PRICE) {
      dst.putLong(field.offset(), Dbn.UNDEF_PRICE);
    } else if (field.name().equals("leg_side")) {
      dst.put(field.offset(), (byte) 'N');
    } else if (field.name().startsWith("stype_")
        || field.name().equals("code")
        || field.name().equals("is_last")) {
      dst.put(field.offset(), (byte) Dbn.CODE_UNSET);
    }
  }
}
