package dev.pgpipe.copy;

/**
 * A writer's counts so far.
 *
 * @param rows rows loaded (committed)
 * @param bytes encoded bytes of those rows
 * @param batches batches committed
 * @param retries batch attempts repeated after a transient failure
 * @param skipped batches the ledger showed loaded already, so not written again
 * @param rejected rows refused (on the client, or by the server and isolated by bisection)
 * @param pendingBytes buffer memory held right now by rows not yet committed
 */
public record WriterStats(
    long rows,
    long bytes,
    long batches,
    long retries,
    long skipped,
    long rejected,
    long pendingBytes) {}
