package dev.pgpipe.copy;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Tells a {@link FlowControl} source to suspend or resume, outside the writer's lock but never out
 * of order. The writer's threads change its state under the lock and call {@link #sync()} after
 * releasing it; the calls take turns, and each tells the source the state as it is at its turn,
 * only when that differs from what the source was last told. So a resume decided after a suspend
 * can no longer reach the source before it and leave it suspended with the memory free: the last
 * call to run always tells the state the writer is in.
 */
final class FlowSignal {

  private final FlowControl source;
  private final Lock writerLock;
  private final PendingMemory memory;
  private final ReentrantLock turn = new ReentrantLock();
  private boolean told; // guarded by turn: what the source was last told

  /**
   * Signals {@code source} the state of {@code memory}, read under {@code writerLock} (which its
   * callers must not hold).
   */
  FlowSignal(FlowControl source, Lock writerLock, PendingMemory memory) {
    this.source = source;
    this.writerLock = writerLock;
    this.memory = memory;
  }

  /** Tells the source the writer's current state, if it was told otherwise last. */
  void sync() {
    turn.lock();
    try {
      boolean suspend;
      writerLock.lock();
      try {
        suspend = memory.suspended();
      } finally {
        writerLock.unlock();
      }
      if (suspend != told) {
        told = suspend;
        if (suspend) {
          source.suspend();
        } else {
          source.resume();
        }
      }
    } finally {
      turn.unlock();
    }
  }
}
