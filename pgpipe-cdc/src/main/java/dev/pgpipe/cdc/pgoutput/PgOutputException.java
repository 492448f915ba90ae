package dev.pgpipe.cdc.pgoutput;

/**
 * A pgoutput message that cannot be decoded: truncated, an unknown message or tuple kind, or a
 * length that does not fit. Keeps the byte offset within the message where decoding stopped.
 */
public final class PgOutputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int offset;

  public PgOutputException(String message, int offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  /** Offset within the message, counted from its first (type) byte. */
  public int offset() {
    return offset;
  }
}
