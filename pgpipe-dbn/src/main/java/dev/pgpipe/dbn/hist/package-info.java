/**
 * A client of Databento's Historical HTTP API: {@link dev.pgpipe.dbn.hist.HistoricalClient} streams
 * {@code timeseries.get_range} (zstd DBN) and makes the metadata and symbology calls. No PostgreSQL
 * here; loading lives in {@code pgpipe-market}.
 */
@NullMarked
package dev.pgpipe.dbn.hist;

import org.jspecify.annotations.NullMarked;
