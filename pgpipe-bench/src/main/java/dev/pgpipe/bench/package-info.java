/** Benchmarks behind {@code ./pgpipe bench}: each subcommand runs one comparison side by side. */
@NullMarked
package dev.pgpipe.bench;

import org.jspecify.annotations.NullMarked;
