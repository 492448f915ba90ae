@NullMarked
package dev.pgpipe.dbn;

import org.jspecify.annotations.NullMarked;
