/**
 * TLS for tests: certificates made at test time with {@code openssl} and an embedded PostgreSQL
 * that serves them.
 */
@NullMarked
package dev.pgpipe.testkit.tls;

import org.jspecify.annotations.NullMarked;
