package dev.pgpipe.copy.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian reads from byte arrays, with length checks that name the offset. */
final class Read {

  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private Read() {}

  static short int16(byte[] bytes, int offset) {
    return (short) SHORT.get(bytes, offset);
  }

  static int int32(byte[] bytes, int offset) {
    return (int) INT.get(bytes, offset);
  }

  static long int64(byte[] bytes, int offset) {
    return (long) LONG.get(bytes, offset);
  }

  /** Fails unless a value of {@code type} has exactly {@code expected} bytes. */
  static void width(String type, int length, int expected, int offset) {
    if (length != expected) {
      throw new CopyFormatException(
          type + " takes " + expected + " bytes, the field has " + length, offset);
    }
  }

  /** Fails unless {@code needed} bytes remain in {@code [offset, end)}. */
  static void remaining(String what, int offset, int needed, int end) {
    if (end - offset < needed) {
      throw new CopyFormatException(
          what + " needs " + needed + " bytes, " + (end - offset) + " remain", offset);
    }
  }
}
