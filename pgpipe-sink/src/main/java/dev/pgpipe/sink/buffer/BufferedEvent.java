package dev.pgpipe.sink.buffer;

import dev.pgpipe.cdc.ChangeEvent;

/**
 * A change event read back from the buffer: its row id, source, the event itself (decoded exactly
 * from the envelope) and where its transaction sits ({@code commitLsn}, {@code endLsn}, whether its
 * event is the last of its transaction).
 */
public record BufferedEvent(
    long id,
    String sourceId,
    ChangeEvent event,
    long commitLsn,
    long endLsn,
    boolean lastOfTransaction) {}
