/**
 * {@code pgpipe bench live}: MBO from a local gateway as fast as it can send, through the live
 * client into PostgreSQL, with the client's CPU split by stage.
 */
@NullMarked
package dev.pgpipe.bench.live;

import org.jspecify.annotations.NullMarked;
