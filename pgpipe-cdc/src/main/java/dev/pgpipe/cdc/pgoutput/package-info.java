/**
 * A pure decoder for PostgreSQL's {@code pgoutput} logical replication protocol, versions 1 to 4:
 * bytes of one replication message in, a {@link dev.pgpipe.cdc.pgoutput.PgOutputMessage} out. No
 * sockets, no SQL; malformed input throws {@link dev.pgpipe.cdc.pgoutput.PgOutputException} with
 * the byte offset.
 *
 * <p>Reference: <a
 * href="https://www.postgresql.org/docs/current/protocol-logicalrep-message-formats.html">Logical
 * Replication Message Formats</a> and {@code src/backend/replication/logical/proto.c}.
 */
@NullMarked
package dev.pgpipe.cdc.pgoutput;

import org.jspecify.annotations.NullMarked;
