/**
 * {@code pgpipe verify}: whether a replica still equals its source, table by table, through the
 * {@link dev.pgpipe.sink.verify.ReplicaVerifier} of {@code pgpipe-sink}. The source comes from
 * {@code --from} or {@code POSTGRES_INPUT_*}, the target from {@code --to} or {@code
 * POSTGRES_OUTPUT_*}.
 */
@NullMarked
package dev.pgpipe.cli.verify;

import org.jspecify.annotations.NullMarked;
