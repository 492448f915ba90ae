/**
 * The JSON envelope: {@link dev.pgpipe.cdc.Transaction}s and {@link dev.pgpipe.cdc.ChangeEvent}s as
 * one JSON object per line, in the stable format documented in {@code pgpipe-cdc/ENVELOPE.md}.
 * Encoding then decoding gives back equal values, types included.
 */
@NullMarked
package dev.pgpipe.cdc.json;

import org.jspecify.annotations.NullMarked;
