package dev.pgpipe.cdc;

/** How a {@link DrainLoop#run()} ended: why it stopped, and its final counters. */
public record DrainResult(StopReason reason, DrainStats stats) {}
