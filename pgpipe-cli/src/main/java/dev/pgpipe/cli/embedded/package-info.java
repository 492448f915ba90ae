/**
 * The embedded PostgreSQL that {@code pgpipe} uses when no database is named.
 *
 * <p>A persistent server (zonky's PostgreSQL 17 binaries from Maven) with its data in a visible
 * directory, {@code ~/.pgpipe/pg} by default, on a fixed port so that {@code psql} can reach it. A
 * server already running on the data directory is reused; one this process starts is stopped when
 * the process ends.
 */
@NullMarked
package dev.pgpipe.cli.embedded;

import org.jspecify.annotations.NullMarked;
