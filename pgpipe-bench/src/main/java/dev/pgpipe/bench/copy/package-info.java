/**
 * {@code pgpipe bench copy} and {@code pgpipe bench encode}: bulk loading with pgpipe's typed
 * binary COPY next to CSV through pgjdbc's CopyManager, batched INSERTs and the server reading a
 * file of its own; and the row encoder alone under JMH's GC profiler.
 */
@NullMarked
package dev.pgpipe.bench.copy;

import org.jspecify.annotations.NullMarked;
