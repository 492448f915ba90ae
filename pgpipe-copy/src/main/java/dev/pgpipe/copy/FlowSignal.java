package dev.pgpipe.copy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;

/**
 * Tells a {@link FlowControl} source to suspend or resume, outside the writer's lock, never out of
 * order and never blocking a writer thread. The writer's threads change its state under the lock
 * and call {@link #sync()} after releasing it. One call at a time serves: it tells the source the
 * state as it is then, only when that differs from what the source was last told, and reads it
 * again for every call that came meanwhile, which returned at once. So a resume decided after a
 * suspend cannot reach the source before it, and once the calls are served the source is in the
 * writer's state. A source may call back into the writer (its call is then served by the loop); a
 * source that throws is asked again at the next call.
 */
final class FlowSignal {

  private final FlowControl source;
  private final Lock writerLock;
  private final PendingMemory memory;
  private final AtomicInteger calls = new AtomicInteger(); // not served yet, the serving one too
  private boolean told; // what the source was last told; touched by the serving call only

  /** Signals {@code source} the state of {@code memory}, read under {@code writerLock}. */
  FlowSignal(FlowControl source, Lock writerLock, PendingMemory memory) {
    this.source = source;
    this.writerLock = writerLock;
    this.memory = memory;
  }

  /**
   * Tells the source the writer's current state, if it was told otherwise last: now, or, when
   * another call is being served, by that call before it returns. Never call it holding the
   * writer's lock.
   */
  void sync() {
    if (calls.getAndIncrement() > 0) {
      return;
    }
    int served = 1;
    try {
      do {
        tell(suspended());
        served = calls.addAndGet(-served);
      } while (served > 0);
    } catch (RuntimeException | Error e) {
      calls.set(0);
      throw e;
    }
  }

  private boolean suspended() {
    writerLock.lock();
    try {
      return memory.suspended();
    } finally {
      writerLock.unlock();
    }
  }

  private void tell(boolean suspend) {
    if (suspend != told) {
      if (suspend) {
        source.suspend();
      } else {
        source.resume();
      }
      told = suspend;
    }
  }
}
