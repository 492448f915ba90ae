/** {@code pgpipe status}: a running instance's readiness and key metrics, for a terminal. */
@NullMarked
package dev.pgpipe.cli.status;

import org.jspecify.annotations.NullMarked;
