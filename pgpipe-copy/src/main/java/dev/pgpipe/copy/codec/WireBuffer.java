package dev.pgpipe.copy.codec;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A growable byte array that codecs write big-endian values into, reused row after row so that
 * steady-state encoding allocates nothing. A field is framed by {@link #beginField()} (reserves its
 * int32 length) and {@link #endField(int)} (writes it), so variable-width values are written once,
 * in place. Not thread-safe.
 */
public final class WireBuffer {

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

  private byte[] bytes;
  private int size;

  /** An empty buffer with room for {@code capacity} bytes before it grows. */
  public WireBuffer(int capacity) {
    if (capacity < 16) {
      throw new IllegalArgumentException("capacity must be >= 16: " + capacity);
    }
    this.bytes = new byte[capacity];
  }

  /** The bytes written so far. */
  public int size() {
    return size;
  }

  /** The backing array; valid up to {@link #size()} until the next write. */
  public byte[] array() {
    return bytes;
  }

  /** Forgets everything written, keeping the capacity. */
  public void clear() {
    size = 0;
  }

  /** Drops what was written after {@code newSize} (used to undo a half-written row). */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("truncate to " + newSize + " of " + size);
    }
    size = newSize;
  }

  /** Makes room for {@code extra} more bytes. */
  public void ensure(int extra) {
    if (extra > bytes.length - size) {
      grow(extra);
    }
  }

  private void grow(int extra) {
    long needed = (long) size + extra;
    if (needed > MAX_CAPACITY) {
      throw new IllegalStateException("a buffer cannot exceed 2 GiB: " + needed + " bytes needed");
    }
    long doubled = Math.max(needed, (long) bytes.length * 2);
    bytes = Arrays.copyOf(bytes, (int) Math.min(doubled, MAX_CAPACITY));
  }

  public void putByte(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
  }

  public void putShort(int value) {
    ensure(2);
    SHORT.set(bytes, size, (short) value);
    size += 2;
  }

  public void putInt(int value) {
    ensure(4);
    INT.set(bytes, size, value);
    size += 4;
  }

  public void putLong(long value) {
    ensure(8);
    LONG.set(bytes, size, value);
    size += 8;
  }

  public void putBytes(byte[] source, int offset, int length) {
    ensure(length);
    System.arraycopy(source, offset, bytes, size, length);
    size += length;
  }

  /** Writes an int32 at an earlier position without moving the end. */
  public void putIntAt(int position, int value) {
    INT.set(bytes, position, value);
  }

  /** Reserves a field's int32 length and returns where it is; close with {@link #endField}. */
  public int beginField() {
    ensure(4);
    int position = size;
    size += 4;
    return position;
  }

  /** Writes the length of the field begun at {@code position}: what was written since. */
  public void endField(int position) {
    putIntAt(position, size - position - 4);
  }

  /** Writes an int32 field: its length (4) then the value. */
  public void putIntField(int value) {
    ensure(8);
    INT.set(bytes, size, 4);
    INT.set(bytes, size + 4, value);
    size += 8;
  }

  /** Writes an int64 field: its length (8) then the value. */
  public void putLongField(long value) {
    ensure(12);
    INT.set(bytes, size, 8);
    LONG.set(bytes, size + 4, value);
    size += 12;
  }

  /**
   * Writes {@code text} as UTF-8 and returns its length in code points. Refuses NUL characters
   * (PostgreSQL text cannot hold them) and unpaired surrogates, which would otherwise be replaced
   * silently.
   */
  public int putUtf8(CharSequence text) {
    int length = text.length();
    ensure(length);
    int codePoints = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      codePoints++;
      if (c < 0x80 && c != 0) {
        ensure(1);
        bytes[size++] = (byte) c;
      } else if (c == 0) {
        throw new ValueRejectedException("text without NUL characters", "NUL at index " + i);
      } else if (c < 0x800) {
        ensure(2);
        bytes[size++] = (byte) (0xC0 | (c >> 6));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        i = putSurrogatePair(text, i);
      } else {
        ensure(3);
        bytes[size++] = (byte) (0xE0 | (c >> 12));
        bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        bytes[size++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return codePoints;
  }

  private int putSurrogatePair(CharSequence text, int index) {
    char high = text.charAt(index);
    char low = index + 1 < text.length() ? text.charAt(index + 1) : 0;
    if (!Character.isHighSurrogate(high) || !Character.isLowSurrogate(low)) {
      throw new ValueRejectedException(
          "valid UTF-16 text", "an unpaired surrogate at index " + index);
    }
    int codePoint = Character.toCodePoint(high, low);
    ensure(4);
    bytes[size++] = (byte) (0xF0 | (codePoint >> 18));
    bytes[size++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
    bytes[size++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
    bytes[size++] = (byte) (0x80 | (codePoint & 0x3F));
    return index + 1;
  }

  /** Writes bytes {@code [from, to)} to {@code out}. */
  public void writeTo(OutputStream out, int from, int to) throws IOException {
    out.write(bytes, from, to - from);
  }

  /** Reads an int32 written earlier (big-endian) at {@code position}. */
  public int intAt(int position) {
    return (int) INT.get(bytes, position);
  }
}
