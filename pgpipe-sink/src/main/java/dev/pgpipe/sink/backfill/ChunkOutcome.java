package dev.pgpipe.sink.backfill;

/**
 * What became of a chunk at its high watermark ({@link ChunkWindow#outcome()}): applied with its
 * progress, or to be read again for one of the reasons below. Immutable values.
 */
sealed interface ChunkOutcome {

  /** The chunk's rows and progress were committed to the target. */
  record Applied(BackfillProgress progress) implements ChunkOutcome {}

  /**
   * The stream changed the table's columns between the watermarks, or the window lost track of them
   * (a watermark without the chunk): the rows read may not fit; describe the table again.
   */
  record ShapeChanged() implements ChunkOutcome {}

  /**
   * More keys changed before the rows came than the window notes ({@link ChunkWindow#MAX_SEEN}).
   */
  record TooManyChanges(int limit) implements ChunkOutcome {}

  /**
   * Transaction {@code xid} came before the low watermark in the stream (so the target has it) but
   * the chunk's snapshot did not see it: the rows read may be older than the target's.
   */
  record CommitNotVisible(long xid) implements ChunkOutcome {}
}
