/**
 * {@code pgpipe bench nats}: source → JetStream → sink next to {@code replicate} (direct, no
 * broker) on the same workload in the same run: throughput and p50/p99 lag from source commit to
 * target row, measured on the database server's clock for both paths.
 */
@NullMarked
package dev.pgpipe.bench.nats;

import org.jspecify.annotations.NullMarked;
