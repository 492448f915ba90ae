package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.Codec;
import dev.pgpipe.copy.codec.PgKind;
import dev.pgpipe.copy.codec.ValueRejectedException;
import dev.pgpipe.copy.codec.WireBuffer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import org.jspecify.annotations.Nullable;

/**
 * The {@link FieldWriter} for each accessor form. Primitive ones write length and value straight
 * into the buffer: no boxing, no allocation.
 */
final class FieldWriters {

  private FieldWriters() {}

  static <T> FieldWriter<T> of(MappedColumn<T> column, Codec codec) {
    PgKind kind = column.type().kind();
    return switch (column.accessor()) {
      case Accessor.OfLong<T> a -> new Int8<>(a.getter());
      case Accessor.OfInt<T> a when kind == PgKind.INT4 -> new Int4<>(a.getter());
      case Accessor.OfInt<T> a when kind == PgKind.INT2 -> new Int2<>(a.getter());
      case Accessor.OfInt<T> a when kind == PgKind.CHAR -> new CharByte<>(a.getter());
      case Accessor.OfInt<T> a -> new Char<>(a.getter(), column.type().length());
      case Accessor.OfDouble<T> a when kind == PgKind.FLOAT4 -> new Float4<>(a.getter());
      case Accessor.OfDouble<T> a -> new Float8<>(a.getter());
      case Accessor.OfBoolean<T> a -> new Bool<>(a.getter());
      case Accessor.OfEpoch<T> a -> new Epoch<>(a.getter(), a.unit());
      case Accessor.OfObject<T> a -> new Value<>(a.getter(), codec, column.notNull());
    };
  }

  record Int8<T>(ToLongFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      out.putLongField(getter.applyAsLong(row));
    }
  }

  record Int4<T>(ToIntFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      out.putIntField(getter.applyAsInt(row));
    }
  }

  record Int2<T>(ToIntFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      int value = getter.applyAsInt(row);
      if (value != (short) value) {
        throw new ValueRejectedException("int2 (-32768..32767)", Integer.toString(value));
      }
      out.putInt(2);
      out.putShort(value);
    }
  }

  record Float8<T>(ToDoubleFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      out.putLongField(Double.doubleToLongBits(getter.applyAsDouble(row)));
    }
  }

  record Float4<T>(ToDoubleFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      double value = getter.applyAsDouble(row);
      float narrowed = (float) value;
      if (narrowed != value && !Double.isNaN(value)) {
        throw new ValueRejectedException("float4 (exactly a float)", Double.toString(value));
      }
      out.putIntField(Float.floatToIntBits(narrowed));
    }
  }

  record Bool<T>(Predicate<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      out.putInt(1);
      out.putByte(getter.test(row) ? 1 : 0);
    }
  }

  record Epoch<T>(ToLongFunction<? super T> getter, EpochUnit unit) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      out.putLongField(unit.toPgMicros(getter.applyAsLong(row)));
    }
  }

  /** "char": one byte. */
  record CharByte<T>(ToIntFunction<? super T> getter) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      int value = getter.applyAsInt(row);
      if (value < 0 || value > 0xFF) {
        throw new ValueRejectedException(
            "\"char\" (U+0000..U+00FF)", "U+" + Integer.toHexString(value));
      }
      out.putInt(1);
      out.putByte(value);
    }
  }

  /** A single UTF-16 unit into char(n), varchar or text, padded with spaces to n for char(n). */
  record Char<T>(ToIntFunction<? super T> getter, int length) implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      int c = getter.applyAsInt(row);
      if (c == 0 || c > 0xFFFF || Character.isSurrogate((char) c)) {
        throw new ValueRejectedException(
            "a character other than NUL or a surrogate", "U+" + Integer.toHexString(c));
      }
      int field = out.beginField();
      if (c < 0x80) {
        out.putByte(c);
      } else if (c < 0x800) {
        out.putByte(0xC0 | (c >> 6));
        out.putByte(0x80 | (c & 0x3F));
      } else {
        out.putByte(0xE0 | (c >> 12));
        out.putByte(0x80 | ((c >> 6) & 0x3F));
        out.putByte(0x80 | (c & 0x3F));
      }
      for (int i = 1; i < length; i++) {
        out.putByte(' ');
      }
      out.endField(field);
    }
  }

  record Value<T>(
      Function<? super T, ? extends @Nullable Object> getter, Codec codec, boolean notNull)
      implements FieldWriter<T> {
    @Override
    public void write(T row, WireBuffer out) {
      Object value = getter.apply(row);
      if (value == null) {
        if (notNull) {
          throw new ValueRejectedException(codec.type() + " NOT NULL", "null");
        }
        out.putInt(-1);
        return;
      }
      int field = out.beginField();
      codec.encode(value, out);
      out.endField(field);
    }
  }
}
