package dev.pgpipe.market;

import org.jspecify.annotations.Nullable;

/**
 * One row of the load ledger.
 *
 * @param source {@code sha256:<hex>} of a file's bytes, or {@code fetch:<hex>} of a request
 * @param name the file name or the request, for people
 * @param dataset the dataset of the metadata, null for a fragment
 * @param schema the schema of the metadata, null for a mixed stream or a fragment
 * @param startNs the first key time loaded (ns), null before any record
 * @param endNs the last key time loaded (ns), null before any record
 * @param records records read from the source so far
 * @param resumeNs every record with a key time before this is committed; null when none is known
 * @param complete whether the whole source is loaded
 * @param staged whether any of its tables took the staged path (its range overlapped rows there)
 */
public record LedgerEntry(
    String source,
    String name,
    @Nullable String dataset,
    @Nullable String schema,
    @Nullable Long startNs,
    @Nullable Long endNs,
    long records,
    @Nullable Long resumeNs,
    boolean complete,
    boolean staged) {}
