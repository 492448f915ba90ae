package dev.pgpipe.copy.codec;

/**
 * Bytes that are not valid binary COPY data (or not a valid value of the column's type), with the
 * offset of the first bad byte from the start of the stream or value.
 */
public final class CopyFormatException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long offset;

  public CopyFormatException(String problem, long offset) {
    super(problem + " at byte offset " + offset);
    this.offset = offset;
  }

  /** Where the problem was found, in bytes. */
  public long offset() {
    return offset;
  }
}
