/** {@code pgpipe sql}: runs one statement and prints its rows as a table or as JSON lines. */
@NullMarked
package dev.pgpipe.cli.sql;

import org.jspecify.annotations.NullMarked;
