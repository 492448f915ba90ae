/**
 * PostgreSQL's binary COPY format: a {@link dev.pgpipe.copy.codec.Codec} per column type that
 * encodes Java values into the server's {@code *_recv} bytes and decodes its {@code *_send} bytes,
 * the reusable {@link dev.pgpipe.copy.codec.WireBuffer} they write into, and {@link
 * dev.pgpipe.copy.codec.BinaryCopyReader} for a whole {@code COPY ... TO STDOUT (FORMAT binary)}
 * stream.
 *
 * <p>Everything here is pure: bytes in, values out, no SQL and no sockets. A value that does not
 * fit its column is refused with {@link dev.pgpipe.copy.codec.ValueRejectedException} (expected vs
 * actual) before a byte of it is sent; malformed input bytes fail with {@link
 * dev.pgpipe.copy.codec.CopyFormatException} carrying the byte offset. Facts and pitfalls of the
 * format: {@code shared/specs/copy-binary.md}.
 */
@NullMarked
package dev.pgpipe.copy.codec;

import org.jspecify.annotations.NullMarked;
