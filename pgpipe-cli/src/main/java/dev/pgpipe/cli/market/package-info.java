/** {@code pgpipe load}: DBN files into a PostgreSQL table per schema. */
@NullMarked
package dev.pgpipe.cli.market;

import org.jspecify.annotations.NullMarked;
