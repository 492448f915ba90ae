/**
 * {@code pgpipe bench sink}: the table sink's set-based apply (staging COPY, then {@code INSERT ...
 * ON CONFLICT}) against batched prepared upserts ({@code executeBatch}) on the same changes, and
 * {@code replicate} end to end (source commit to target commit) with its lag.
 */
@NullMarked
package dev.pgpipe.bench.sink;

import org.jspecify.annotations.NullMarked;
