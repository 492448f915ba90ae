/**
 * Backfilling a table while its changes keep streaming, consistent with the stream: a watermark
 * incremental snapshot (DBLog). {@link dev.pgpipe.sink.backfill.Backfiller} reads the table in key
 * chunks between a low and a high watermark written into the source's WAL; {@link
 * dev.pgpipe.sink.backfill.WindowMerge}, on the applying thread, drops from a chunk every key the
 * stream changed between the two watermarks and puts the rest into the stream at the high
 * watermark, with the chunk's progress, so that rows and progress commit with the ledger in one
 * target transaction ({@link dev.pgpipe.sink.backfill.BackfillTable}).
 */
@NullMarked
package dev.pgpipe.sink.backfill;

import org.jspecify.annotations.NullMarked;
