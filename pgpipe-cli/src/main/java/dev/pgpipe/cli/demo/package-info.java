/**
 * {@code pgpipe demo}: a first look that loads made-up rows with {@code COPY}, reads them back,
 * replicates a table under writes into a second database and checks the copy.
 */
@NullMarked
package dev.pgpipe.cli.demo;

import org.jspecify.annotations.NullMarked;
