package dev.pgpipe.dbn;

import java.io.Closeable;
import java.nio.ByteBuffer;

/**
 * A source of bytes that hands out contiguous windows: {@link #fill(int)} makes bytes readable in
 * {@link #buffer()} from {@link #position()}. The buffer and position may change on every {@code
 * fill}; bytes before the position may be discarded then, never earlier.
 */
interface ByteInput extends Closeable {
  /** Makes up to {@code n} bytes readable; returns how many are (fewer only at the end). */
  int fill(int n);

  /** The little-endian buffer holding the readable bytes. */
  ByteBuffer buffer();

  /** Index in {@link #buffer()} of the next unread byte. */
  int position();

  /** Consumes {@code n} bytes that {@link #fill(int)} made readable. */
  void skip(int n);

  /** Offset of the next unread byte from the start of the (uncompressed) stream. */
  long offset();

  @Override
  void close();
}
