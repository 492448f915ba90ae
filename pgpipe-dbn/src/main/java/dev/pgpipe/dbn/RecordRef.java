package dev.pgpipe.dbn;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A zero-copy view of the current record of a {@link DbnDecoder}: reads fields straight from the
 * decoder's buffer, allocating nothing. The decoder reuses one instance, so a view is only valid
 * until the decoder's next {@code next()} call; call {@link #toRecord()} to keep a record.
 *
 * <p>Offsets are from the start of the record, as in the {@link Layouts} tables; look them up once
 * (e.g. {@code Layouts.MBO.offsetOf("price")}) and read with {@link #i64(int)} and friends. Reads
 * outside the record throw {@link IndexOutOfBoundsException}. Not thread-safe.
 */
public final class RecordRef {
  private ByteBuffer buf = ByteBuffer.allocate(0);
  private int base;
  private int size;
  private @Nullable Layout layout;
  private int version;
  private boolean tsOut;
  private long offset;

  RecordRef() {}

  void set(
      ByteBuffer buf, int base, int size, @Nullable Layout layout, int version, boolean tsOut) {
    this.buf = buf;
    this.base = base;
    this.size = size;
    this.layout = layout;
    this.version = version;
    this.tsOut = tsOut;
  }

  void offset(long streamOffset) {
    this.offset = streamOffset;
  }

  /** Record size in bytes (header length × 4), including {@code ts_out} when present. */
  public int size() {
    return size;
  }

  /** Record type, see {@link RType}. */
  public int rtype() {
    return buf.get(base + 1) & 0xFF;
  }

  /** Publisher id (u16). */
  public int publisherId() {
    return buf.getShort(base + 2) & 0xFFFF;
  }

  /** Instrument id (u32). */
  public long instrumentId() {
    return buf.getInt(base + 4) & 0xFFFF_FFFFL;
  }

  /** Event timestamp, nanoseconds since the epoch (u64 bits). */
  public long tsEvent() {
    return buf.getLong(base + 8);
  }

  /** The layout of this record in its (possibly upgraded) version; {@code null} if unknown. */
  public @Nullable Layout layout() {
    return layout;
  }

  /** The DBN version of this record's layout (3 when upgrading). */
  public int version() {
    return version;
  }

  /** Byte offset of this record in the uncompressed input stream. */
  public long offset() {
    return offset;
  }

  /** Whether the record carries the gateway's send timestamp. */
  public boolean hasTsOut() {
    return tsOut;
  }

  /** The gateway's send timestamp; throws {@link IllegalStateException} without {@code ts_out}. */
  public long tsOut() {
    if (!tsOut) {
      throw new IllegalStateException("this stream has no ts_out (metadata ts_out = 0)");
    }
    return buf.getLong(base + tsOutOffset());
  }

  int tsOutOffset() {
    Layout known = layout;
    return known != null ? known.size() : size - 8;
  }

  /** Unsigned byte at {@code at}. */
  public int u8(int at) {
    return buf.get(base + check(at, 1)) & 0xFF;
  }

  /** Signed byte at {@code at}. */
  public int i8(int at) {
    return buf.get(base + check(at, 1));
  }

  /** One-byte character at {@code at}. */
  public char cChar(int at) {
    return (char) u8(at);
  }

  /** Unsigned 16-bit integer at {@code at}. */
  public int u16(int at) {
    return buf.getShort(base + check(at, 2)) & 0xFFFF;
  }

  /** Signed 16-bit integer at {@code at}. */
  public int i16(int at) {
    return buf.getShort(base + check(at, 2));
  }

  /** Unsigned 32-bit integer at {@code at}. */
  public long u32(int at) {
    return buf.getInt(base + check(at, 4)) & 0xFFFF_FFFFL;
  }

  /** Signed 32-bit integer at {@code at}. */
  public int i32(int at) {
    return buf.getInt(base + check(at, 4));
  }

  /** 64-bit integer at {@code at} (also prices, timestamps and u64 bits). */
  public long i64(int at) {
    return buf.getLong(base + check(at, 8));
  }

  /** A NUL-padded string of {@code length} bytes at {@code at}, up to its first NUL. */
  public String cString(int at, int length) {
    return FieldCodec.cString(buf, base + check(at, length), length);
  }

  /** Any integer-typed field (all {@link FieldType#isInteger()} types and chars) as a long. */
  public long integer(Field field) {
    check(field.offset(), field.size());
    return FieldCodec.readInteger(field.type(), buf, base + field.offset());
  }

  /** Copies the record's bytes (header to {@code ts_out}) into {@code out} at its position. */
  public void copyTo(ByteBuffer out) {
    out.put(buf.slice(base, size));
  }

  /** An immutable copy of this record; {@link WithTsOut} when the stream has {@code ts_out}. */
  public DbnRecord toRecord() {
    Layout known = layout;
    if (known == null) {
      throw new IllegalStateException(
          "no record type for unknown rtype " + RType.describe(rtype()) + " at offset " + offset);
    }
    DbnRecord record = RecordCodec.decode(known, buf, base);
    return tsOut ? new WithTsOut(record, tsOut()) : record;
  }

  private int check(int at, int length) {
    Objects.checkFromIndexSize(at, length, size);
    return at;
  }

  @Override
  public String toString() {
    return "RecordRef("
        + RType.describe(rtype())
        + ", "
        + size
        + " bytes at offset "
        + offset
        + ")";
  }
}
