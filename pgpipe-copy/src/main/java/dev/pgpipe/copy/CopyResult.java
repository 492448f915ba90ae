package dev.pgpipe.copy;

/**
 * What a finished {@link CopyWriter} loaded.
 *
 * @param rows rows the server loaded (or merged)
 * @param bytes encoded bytes sent, framing included
 * @param rejected rows refused by the server and handed to the reject handler
 */
public record CopyResult(long rows, long bytes, long rejected) {}
