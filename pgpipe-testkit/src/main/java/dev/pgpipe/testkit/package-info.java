/**
 * Test support for pgpipe: one real PostgreSQL per test JVM and a fresh database per test class.
 *
 * <p>Use {@link dev.pgpipe.testkit.WithPostgres} on a test class and take a {@link
 * dev.pgpipe.testkit.TestDatabase} as a parameter of a test, a lifecycle method or the constructor.
 * The server is the embedded PostgreSQL 17 (zonky's binaries from Maven) unless {@code
 * PGPIPE_TEST_URL} names an external one.
 */
@NullMarked
package dev.pgpipe.testkit;

import org.jspecify.annotations.NullMarked;
