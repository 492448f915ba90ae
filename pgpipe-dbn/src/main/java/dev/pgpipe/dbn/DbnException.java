package dev.pgpipe.dbn;

/**
 * DBN input that cannot be decoded, with the {@link Code} to branch on and the byte offset where
 * the problem was found. The offset counts bytes of the uncompressed DBN stream (for zstd input,
 * bytes after decompression). The message says what was wrong, where, and what to do.
 */
public final class DbnException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, to branch on instead of the message text. */
  public enum Code {
    /** The input ended inside the metadata or a record. */
    TRUNCATED,
    /** The input starts with neither "DBN" nor a zstd frame. */
    BAD_MAGIC,
    /** A DBN version this library does not read, or a metadata feature it does not support. */
    UNSUPPORTED_VERSION,
    /** A legacy {@code .dbz} file. */
    LEGACY_DBZ,
    /** Metadata whose lengths or counts do not fit, or with an invalid field. */
    BAD_METADATA,
    /** A record length under 16 bytes or shorter than its type's layout. */
    BAD_RECORD_LENGTH,
    /** A record type this library does not know, when unknown types are configured to fail. */
    UNKNOWN_RTYPE,
    /** The zstd decompressor rejected the data. */
    CORRUPT_ZSTD,
    /** Reading the underlying file or stream failed. */
    IO
  }

  private final Code code;
  private final long offset;

  /** Creates an exception; {@code message} should say what was wrong and what to do. */
  public DbnException(Code code, long offset, String message) {
    super(message + " [" + code + " at byte offset " + offset + "]");
    this.code = code;
    this.offset = offset;
  }

  /** Creates an exception with its cause (an I/O or zstd failure). */
  public DbnException(Code code, long offset, String message, Throwable cause) {
    super(message + " [" + code + " at byte offset " + offset + "]", cause);
    this.code = code;
    this.offset = offset;
  }

  /** What went wrong. */
  public Code code() {
    return code;
  }

  /** Byte offset in the uncompressed stream where the problem was found. */
  public long offset() {
    return offset;
  }
}
