/** {@code pgpipe server}: keeps the embedded PostgreSQL running in the foreground. */
@NullMarked
package dev.pgpipe.cli.server;

import org.jspecify.annotations.NullMarked;
