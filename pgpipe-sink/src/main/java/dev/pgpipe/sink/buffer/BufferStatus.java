package dev.pgpipe.sink.buffer;

import java.time.Duration;

/**
 * The buffer right now: unprocessed events (backlog), the age of the oldest of them (zero when
 * none), processed events still kept, and events in the dead-letter table.
 */
public record BufferStatus(long backlog, Duration oldestAge, long processed, long deadLetters) {}
