/**
 * The published extension surface of {@code pgpipe}: what a module above the command line (the
 * benchmarks) may use, and the only package of {@code dev.pgpipe.cli} it may import.
 *
 * <p>The command line depends on the library modules, never the reverse; a module that sits above
 * it registers a {@link dev.pgpipe.cli.spi.CommandProvider} with {@link java.util.ServiceLoader},
 * and its commands mix in {@link dev.pgpipe.cli.spi.DatabaseOptions} to reach the database the user
 * chose, as a {@link dev.pgpipe.cli.spi.DatabaseTarget}, and {@link
 * dev.pgpipe.cli.spi.MetricsEndpoint} to serve pgpipe's metrics as the built-in commands do.
 */
@NullMarked
package dev.pgpipe.cli.spi;

import org.jspecify.annotations.NullMarked;
