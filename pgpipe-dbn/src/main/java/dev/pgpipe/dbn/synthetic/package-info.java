/**
 * Synthetic DBN files made by pgpipe's own encoder ({@link dev.pgpipe.dbn.synthetic.SyntheticDbn}),
 * for the demo and the benchmarks: data of the real shape without a Databento key.
 */
@NullMarked
package dev.pgpipe.dbn.synthetic;

import org.jspecify.annotations.NullMarked;
