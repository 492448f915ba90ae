package dev.pgpipe.copy.codec;

/**
 * Encodes Java values into one column type's binary COPY bytes and decodes them back. Obtain one
 * from {@link Codecs#forType(PgType)}. Immutable and thread-safe.
 *
 * <p>{@link #encode} writes the value's bytes only; the caller frames them with the field length
 * ({@link WireBuffer#beginField()} / {@link WireBuffer#endField(int)}) and writes -1 for NULL. It
 * throws {@link ValueRejectedException} when the value's Java type or size does not fit the column,
 * having possibly written part of the value: the caller truncates the buffer. {@link #decode}
 * throws {@link CopyFormatException} for bytes that are not a value of the type.
 */
public interface Codec {

  /** The column type this codec writes. */
  PgType type();

  /** Writes {@code value}'s bytes (without the length) into {@code out}. */
  void encode(Object value, WireBuffer out);

  /** Reads the value held in {@code bytes[offset, offset + length)}. */
  Object decode(byte[] bytes, int offset, int length);

  /** The Java types {@link #encode} accepts, for messages. */
  String accepts();
}
