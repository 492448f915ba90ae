package dev.pgpipe.cdc.pgoutput;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Big-endian reads over one message with bounds checks that report the offset. */
final class WireReader {

  /** 2000-01-01T00:00:00Z in microseconds since the Unix epoch. */
  private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

  private final ByteBuffer buffer;
  private final int start;

  WireReader(ByteBuffer buffer) {
    this.buffer = buffer.slice();
    this.start = 0;
  }

  int offset() {
    return buffer.position() - start;
  }

  boolean hasRemaining() {
    return buffer.hasRemaining();
  }

  int remaining() {
    return buffer.remaining();
  }

  private void need(int bytes, String what) {
    if (buffer.remaining() < bytes) {
      throw new PgOutputException(
          "truncated " + what + ": needs " + bytes + " bytes, " + buffer.remaining() + " left",
          offset());
    }
  }

  byte int8(String what) {
    need(1, what);
    return buffer.get();
  }

  short int16(String what) {
    need(2, what);
    return buffer.getShort();
  }

  int int32(String what) {
    need(4, what);
    return buffer.getInt();
  }

  long int64(String what) {
    need(8, what);
    return buffer.getLong();
  }

  /** An unsigned 32-bit value (xid, OID) widened to long. */
  long uint32(String what) {
    return Integer.toUnsignedLong(int32(what));
  }

  Instant timestamp(String what) {
    long micros = int64(what);
    return Instant.EPOCH.plusNanos(Math.multiplyExact(micros + PG_EPOCH_MICROS, 1000L));
  }

  /** A NUL-terminated UTF-8 string. */
  String cstring(String what) {
    int from = buffer.position();
    for (int i = from; i < buffer.limit(); i++) {
      if (buffer.get(i) == 0) {
        byte[] bytes = new byte[i - from];
        buffer.get(bytes);
        buffer.get();
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }
    throw new PgOutputException("truncated " + what + ": no terminating NUL", offset());
  }

  byte[] bytes(int length, String what) {
    if (length < 0) {
      throw new PgOutputException("negative length " + length + " of " + what, offset() - 4);
    }
    need(length, what);
    byte[] bytes = new byte[length];
    buffer.get(bytes);
    return bytes;
  }
}
