/** DBN decode throughput: flyweight, records and zstd, against decompressing to nowhere. */
@NullMarked
package dev.pgpipe.bench.dbn;

import org.jspecify.annotations.NullMarked;
