/**
 * Dead letters you can act on: the events a target or a buffer handler refused, from every store
 * that keeps them, in one model ({@link dev.pgpipe.sink.deadletter.DeadLetter}), listed, shown,
 * discarded and replayed exactly once ({@link dev.pgpipe.sink.deadletter.Replay}). Behind {@code
 * pgpipe deadletters}; the rules are in {@code pgpipe-sink/GUARANTEES.md}, "Dead letters".
 */
@NullMarked
package dev.pgpipe.sink.deadletter;

import org.jspecify.annotations.NullMarked;
