/**
 * The {@code pgpipe} command line: picocli commands over the pgpipe modules.
 *
 * <p>{@link dev.pgpipe.cli.Main} is the entry point and the root command. Commands that need a
 * database mix in {@link dev.pgpipe.cli.DatabaseOptions}, which picks the server: {@code --url},
 * then {@code PGPIPE_URL}, then the standard {@code PG*} variables when {@code PGHOST} is set, and
 * otherwise the embedded PostgreSQL of {@link dev.pgpipe.cli.embedded}. Modules the command line
 * cannot depend on add their commands through {@link dev.pgpipe.cli.spi.CommandProvider}.
 */
@NullMarked
package dev.pgpipe.cli;

import org.jspecify.annotations.NullMarked;
