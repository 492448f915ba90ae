/** {@code pgpipe dbn}: DBN files to JSON lines, CSV and metadata JSON. */
@NullMarked
package dev.pgpipe.cli.dbn;

import org.jspecify.annotations.NullMarked;
