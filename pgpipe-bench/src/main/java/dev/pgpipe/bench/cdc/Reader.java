package dev.pgpipe.bench.cdc;

/** A change reader under measurement: started on a slot, reporting to a {@link Progress}. */
interface Reader extends AutoCloseable {

  /** Starts a reader on a slot, counting what it delivers in {@code progress}. */
  @FunctionalInterface
  interface Factory {
    Reader start(String slot, Progress progress);
  }

  /** Stops reading and releases the slot; waits for the reader's threads. */
  @Override
  void close();
}
