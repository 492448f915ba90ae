/**
 * Typed binary COPY into PostgreSQL: {@link dev.pgpipe.copy.Table} definitions (derived from
 * records or built explicitly), the allocation-free {@link dev.pgpipe.copy.RowEncoder}, {@link
 * dev.pgpipe.copy.CopyWriter} for one streaming COPY, and {@link dev.pgpipe.copy.BatchWriter} for
 * batched, bounded, parallel, exactly-once loading with upserts and bad-row isolation.
 *
 * <p>Every writer checks its table against the live catalog first ({@link
 * dev.pgpipe.copy.SchemaMode}). Values that do not fit their column are refused on the client with
 * {@link dev.pgpipe.copy.EncodingException}; server failures surface as {@link
 * dev.pgpipe.copy.CopyFailedException} keeping the SQLSTATE and, where the server names it, the
 * row.
 */
@NullMarked
package dev.pgpipe.copy;

import org.jspecify.annotations.NullMarked;
