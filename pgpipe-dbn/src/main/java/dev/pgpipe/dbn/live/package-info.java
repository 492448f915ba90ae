/**
 * A client for Databento's live subscription gateway: connect, authenticate, subscribe, then read
 * the DBN stream as records and typed events, with heartbeat supervision and reconnection.
 *
 * <p>Entry point: {@link dev.pgpipe.dbn.live.LiveClient}, built by {@link
 * dev.pgpipe.dbn.live.LiveClient#builder()}. The client reads the socket only when the application
 * asks for the next event, so a slow application slows the socket (TCP backpressure) and memory
 * stays flat. Protocol facts: {@code shared/specs/live-protocol.md}.
 *
 * <p>The API key never appears in logs, exception messages or {@code toString()}: at most its last
 * five characters do, as the gateway itself shows them.
 */
@NullMarked
package dev.pgpipe.dbn.live;

import org.jspecify.annotations.NullMarked;
