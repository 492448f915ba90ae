package dev.pgpipe.bench.replicate;

/** Lag of the ticks of a steady run (applied − sent, on the server's clock), in milliseconds. */
record LagFigures(long ticks, double p50Ms, double p99Ms, double maxMs) {}
