/**
 * {@code pgpipe bench cdc}: change capture throughput and lag, pgpipe next to a bare pgjdbc reader
 * and Debezium's embedded engine, on one server and one workload in one run.
 */
@NullMarked
package dev.pgpipe.bench.cdc;

import org.jspecify.annotations.NullMarked;
