package dev.pgpipe.sink.verify;

import org.jspecify.annotations.Nullable;

/**
 * The keys greater than {@code lower} and at most {@code upper}, in the source's key order; a null
 * bound is open. The ranges of one table's chunks follow each other without gap or overlap.
 */
record Range(@Nullable Key lower, @Nullable Key upper) {

  static final Range ALL = new Range(null, null);
}
