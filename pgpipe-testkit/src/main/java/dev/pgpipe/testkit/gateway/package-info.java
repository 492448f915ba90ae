/**
 * A scripted mock of Databento's live subscription gateway on a real loopback TCP socket, for
 * testing live clients and benchmarking them.
 *
 * <p>{@link dev.pgpipe.testkit.gateway.MockGateway} listens on {@code 127.0.0.1} and runs one
 * {@link dev.pgpipe.testkit.gateway.GatewayScript} per accepted connection; the script drives a
 * {@link dev.pgpipe.testkit.gateway.GatewaySession}: greet, send the challenge (whole or split),
 * check the client's authentication line, accept or reject it, read the subscription lines, then
 * stream DBN bytes (plain or zstd, as the client asked), heartbeats, garbage, a graceful end or an
 * abrupt drop.
 *
 * <p>The gateway speaks the text protocol and moves bytes; it does not encode DBN itself, so this
 * module does not depend on {@code pgpipe-dbn} (whose tests use this one). Tests produce the DBN
 * bytes with pgpipe's own {@code DbnEncoder}. Protocol facts: {@code
 * shared/specs/live-protocol.md}.
 */
@NullMarked
package dev.pgpipe.testkit.gateway;

import org.jspecify.annotations.NullMarked;
