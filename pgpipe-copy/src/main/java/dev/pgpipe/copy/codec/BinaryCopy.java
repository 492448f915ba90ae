package dev.pgpipe.copy.codec;

/**
 * The framing of a binary COPY stream (PostgreSQL docs, {@code sql-copy.html}, "Binary Format").
 *
 * <pre>
 * header   11 bytes "PGCOPY\n\377\r\n\0" | int32 flags (bit 16 = OIDs, must be 0)
 *          | int32 header extension length (0)
 * tuple    int16 field count | per field: int32 length (-1 = NULL) | length bytes
 * trailer  int16 -1
 * </pre>
 */
public final class BinaryCopy {

  /** The 11-byte signature that opens every binary COPY stream. */
  static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};

  /** Bytes of the header: signature, flags, extension length. */
  public static final int HEADER_BYTES = 19;

  private BinaryCopy() {}

  /** Writes the 19-byte header. */
  public static void writeHeader(WireBuffer out) {
    out.putBytes(SIGNATURE, 0, SIGNATURE.length);
    out.putInt(0);
    out.putInt(0);
  }

  /** Writes the trailer that ends the stream. */
  public static void writeTrailer(WireBuffer out) {
    out.putShort(-1);
  }
}
