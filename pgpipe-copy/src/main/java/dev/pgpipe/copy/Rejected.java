package dev.pgpipe.copy;

import dev.pgpipe.client.PgException;

/**
 * A row the server refused, isolated by bisection.
 *
 * @param row the row as given to the writer
 * @param index its 0-based position in the batch
 * @param error why the server refused it
 */
public record Rejected<T>(T row, long index, PgException error) {}
