/**
 * The service-provider interface through which other modules add commands to {@code pgpipe}.
 *
 * <p>The command line depends on the library modules, never the reverse; a module that sits above
 * it (the benchmarks) registers a {@link dev.pgpipe.cli.spi.CommandProvider} with {@link
 * java.util.ServiceLoader} instead.
 */
@NullMarked
package dev.pgpipe.cli.spi;

import org.jspecify.annotations.NullMarked;
