/**
 * A fault-injecting TCP proxy for tests: connections through it can be cut at once, or at the
 * moment the server sends a given byte pattern (for example PostgreSQL's COMMIT acknowledgement).
 */
@NullMarked
package dev.pgpipe.testkit.proxy;

import org.jspecify.annotations.NullMarked;
