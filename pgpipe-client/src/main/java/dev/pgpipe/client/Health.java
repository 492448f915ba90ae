package dev.pgpipe.client;

import java.time.Duration;
import java.util.Optional;

/**
 * The answer of {@link Database#health()}: whether a round trip succeeded, how long it took, the
 * pool, and the error when it failed.
 */
public record Health(boolean up, Duration latency, PoolStats pool, Optional<String> error) {}
