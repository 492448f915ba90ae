package dev.pgpipe.dbn;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Bytes already in memory (a byte array, a ByteBuffer or one mapped file window). */
final class BufferInput implements ByteInput {
  private final ByteBuffer buf;
  private int pos;

  BufferInput(ByteBuffer data) {
    this.buf = data.slice().order(ByteOrder.LITTLE_ENDIAN);
  }

  @Override
  public int fill(int n) {
    return Math.min(n, buf.limit() - pos);
  }

  @Override
  public ByteBuffer buffer() {
    return buf;
  }

  @Override
  public int position() {
    return pos;
  }

  @Override
  public void skip(int n) {
    pos += n;
  }

  @Override
  public long offset() {
    return pos;
  }

  @Override
  public void close() {}
}
