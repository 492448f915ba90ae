/** The client layer against raw pgjdbc on the same pool (JMH). */
@NullMarked
package dev.pgpipe.bench.client;

import org.jspecify.annotations.NullMarked;
