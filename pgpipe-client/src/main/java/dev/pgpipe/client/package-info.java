@NullMarked
package dev.pgpipe.client;

import org.jspecify.annotations.NullMarked;
