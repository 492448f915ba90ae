/**
 * {@code pgpipe sink --from nats://...}: change data taken from a NATS JetStream stream and applied
 * to a target PostgreSQL, exactly once through the table sink's ledger ({@code pgpipe-nats}).
 *
 * <p>{@link dev.pgpipe.cli.nats.SinkCommand} is the command. {@link
 * dev.pgpipe.cli.nats.NatsOptions} turns the NATS flags and {@code NATS_*} variables into settings;
 * the CDC command reuses it for {@code cdc --to nats://...}. Credentials (password, token) are
 * never printed.
 */
@NullMarked
package dev.pgpipe.cli.nats;

import org.jspecify.annotations.NullMarked;
