/**
 * {@code pgpipe demo}: a first look at the main jobs. A synthetic DBN file loaded into market
 * tables, typed records written with {@code BatchWriter} next to the server's own limit, and a
 * table replicated under writes with metrics served and the copy verified.
 */
@NullMarked
package dev.pgpipe.cli.demo;

import org.jspecify.annotations.NullMarked;
