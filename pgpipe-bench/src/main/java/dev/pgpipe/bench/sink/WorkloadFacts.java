package dev.pgpipe.bench.sink;

/**
 * What shapes both apply paths' work on one workload: {@code distinctKeys}, the distinct keys of
 * each target transaction summed (the rows the set-based path stages), and {@code
 * statementBatches}, the {@code executeBatch} calls the statement path makes.
 */
record WorkloadFacts(long distinctKeys, long statementBatches) {}
