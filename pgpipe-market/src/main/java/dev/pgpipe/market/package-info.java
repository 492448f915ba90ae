/**
 * Market data in PostgreSQL: a table per DBN schema ({@link dev.pgpipe.market.MarketTables}), one
 * transform per record type, and {@link dev.pgpipe.market.DbnLoader}, which loads DBN files into
 * those tables with binary COPY, idempotently.
 */
@NullMarked
package dev.pgpipe.market;

import org.jspecify.annotations.NullMarked;
