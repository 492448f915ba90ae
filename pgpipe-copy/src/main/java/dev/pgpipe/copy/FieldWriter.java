package dev.pgpipe.copy;

import dev.pgpipe.copy.codec.WireBuffer;

/**
 * Writes one column of a row, length prefix included. Implementations for primitive accessors
 * allocate nothing. Throws {@link dev.pgpipe.copy.codec.ValueRejectedException} for a value that
 * does not fit.
 */
interface FieldWriter<T> {

  void write(T row, WireBuffer out);
}
