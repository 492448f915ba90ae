/** {@code pgpipe bench backfill}: a table backfilled into a running replication under writes. */
@NullMarked
package dev.pgpipe.bench.backfill;

import org.jspecify.annotations.NullMarked;
