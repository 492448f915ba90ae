/**
 * A real {@code nats-server} with JetStream for tests: {@link dev.pgpipe.testkit.nats.NatsServer}
 * starts one on a free loopback port with a temporary store, stops and restarts it on the same port
 * and store, and skips the calling test (JUnit assumption) when the binary is not installed.
 */
@NullMarked
package dev.pgpipe.testkit.nats;

import org.jspecify.annotations.NullMarked;
