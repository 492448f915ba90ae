/**
 * {@code pgpipe bench load}: DBN files into PostgreSQL, pgpipe beside the CSV pipe and the server's
 * own file.
 */
@NullMarked
package dev.pgpipe.bench.load;

import org.jspecify.annotations.NullMarked;
