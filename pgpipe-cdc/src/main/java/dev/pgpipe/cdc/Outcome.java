package dev.pgpipe.cdc;

/** How a {@link Job} ended: why it stopped, and its final counters. */
public record Outcome<S>(StopReason reason, S stats) {}
