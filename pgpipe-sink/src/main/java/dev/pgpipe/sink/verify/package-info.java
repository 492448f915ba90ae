/**
 * Checks that a replica still equals its source, table by table.
 *
 * <p>Entry point: {@link dev.pgpipe.sink.verify.ReplicaVerifier}, configured by {@link
 * dev.pgpipe.sink.verify.VerifyOptions}; each table's outcome is a {@link
 * dev.pgpipe.sink.verify.TableComparison} listing the {@link dev.pgpipe.sink.verify.Difference}s by
 * primary {@link dev.pgpipe.sink.verify.Key}. Tables are compared in chunks of primary key ranges
 * by an order-independent hash of each row's text, and only differing chunks are narrowed down, so
 * memory stays bounded by a chunk whatever the table's size. Failures are the client's unchecked
 * {@link dev.pgpipe.client.PgException}s.
 */
@NullMarked
package dev.pgpipe.sink.verify;

import org.jspecify.annotations.NullMarked;
