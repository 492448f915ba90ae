package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.copy.codec.WireBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The source hears the writer's state in order and without blocking the writer's threads: a resume
 * decided after a suspend cannot reach it first, a call that comes while another is being served
 * returns at once and is served by it, its calls alternate, and it ends in the writer's state.
 */
class FlowSignalTest {

  private static final int CAPACITY = WriterLimits.capacityFor(1024);
  private static final long WAIT_SECONDS = 20;

  private final ReentrantLock lock = new ReentrantLock();
  private final PendingMemory memory = memoryWithWatermarks(2L * CAPACITY, CAPACITY);
  private final RecordingFlow source = new RecordingFlow();

  private static PendingMemory memoryWithWatermarks(long high, long low) {
    return new PendingMemory(
        new WriterLimits(10, 1024, 1_000_000_000L, 8L * CAPACITY, high, low), 0);
  }

  @Test
  void aResumeThatOvertakesItsSuspend_leavesTheSourceRunning_asTheMemoryIs() {
    FlowSignal signal = new FlowSignal(source, lock, memory);
    WireBuffer first = memory.take();
    WireBuffer second = memory.take();
    assertThat(memory.suspendNow(true)).as("thread A decides: suspend").isTrue();
    memory.release(first);
    memory.release(second);
    assertThat(memory.suspended()).as("thread B decided: resume").isFalse();

    signal.sync(); // B's call comes first
    signal.sync(); // then A's

    assertThat(source.calls).as("told nothing: it was never to stay suspended").isEmpty();
  }

  @Test
  void inOrder_theSourceIsToldEachChangeOnce() {
    FlowSignal signal = new FlowSignal(source, lock, memory);
    WireBuffer first = memory.take();
    WireBuffer second = memory.take();
    memory.suspendNow(true);
    signal.sync();
    signal.sync();
    memory.release(first);
    memory.release(second);
    signal.sync();
    signal.sync();

    assertThat(source.calls).containsExactly("suspend", "resume");
  }

  @Test
  void aCallWhileTheSourceIsBeingTold_returnsAtOnce_andIsServedAfterIt() throws Exception {
    CountDownLatch suspending = new CountDownLatch(1);
    CountDownLatch letGo = new CountDownLatch(1);
    FlowControl slowSource =
        new FlowControl() {
          @Override
          public void suspend() {
            source.suspend();
            suspending.countDown();
            await(letGo);
          }

          @Override
          public void resume() {
            source.resume();
          }
        };
    FlowSignal signal = new FlowSignal(slowSource, lock, memory);
    WireBuffer first = memory.take();
    WireBuffer second = memory.take();
    memory.suspendNow(true);
    CompletableFuture<Void> producer = onItsOwnThread(signal::sync);
    await(suspending);

    memory.release(first);
    memory.release(second); // a loader frees the memory while the source is being suspended
    onItsOwnThread(signal::sync).get(WAIT_SECONDS, TimeUnit.SECONDS);
    assertThat(source.calls)
        .as("the loader did not wait for the source")
        .containsExactly("suspend");
    letGo.countDown();
    producer.get(WAIT_SECONDS, TimeUnit.SECONDS);

    assertThat(source.calls).containsExactly("suspend", "resume");
  }

  @Test
  void aSourceThatWritesBackFromItsCall_isToldWhatThatWriteChanged() {
    WireBuffer[] held = {memory.take(), memory.take()};
    FlowSignal[] signal = new FlowSignal[1];
    FlowControl writingBack =
        new FlowControl() {
          @Override
          public void suspend() {
            source.suspend();
            memory.release(held[0]); // as if its write made a batch load at once
            memory.release(held[1]);
            signal[0].sync();
          }

          @Override
          public void resume() {
            source.resume();
          }
        };
    signal[0] = new FlowSignal(writingBack, lock, memory);
    memory.suspendNow(true);

    signal[0].sync();

    assertThat(source.calls).containsExactly("suspend", "resume");
  }

  @Test
  void aSourceThatFails_isAskedAgainAtTheNextCall() {
    FlowControl failingOnce =
        new FlowControl() {
          @Override
          public void suspend() {
            source.suspend();
            if (source.calls.size() == 1) {
              throw new IllegalStateException("feed busy");
            }
          }

          @Override
          public void resume() {
            source.resume();
          }
        };
    FlowSignal signal = new FlowSignal(failingOnce, lock, memory);
    memory.take();
    memory.take();
    memory.suspendNow(true);

    assertThatThrownBy(signal::sync).hasMessage("feed busy");
    signal.sync();

    assertThat(source.calls).containsExactly("suspend", "suspend");
  }

  @Test
  void manyThreadsCrossingTheWatermarks_alternateTheCalls_andEndWithTheWritersState()
      throws Exception {
    PendingMemory oneBuffer = memoryWithWatermarks(CAPACITY, 0); // each buffer taken crosses both
    FlowSignal signal = new FlowSignal(source, lock, oneBuffer);
    List<CompletableFuture<Void>> threads =
        IntStream.range(0, 4)
            .mapToObj(t -> onItsOwnThread(() -> takeAndRelease(oneBuffer, signal)))
            .toList();
    CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new))
        .get(WAIT_SECONDS, TimeUnit.SECONDS);

    List<String> calls = source.calls;
    assertThat(calls).isNotEmpty();
    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i)).as("call %d", i).isEqualTo(i % 2 == 0 ? "suspend" : "resume");
    }
    assertThat(oneBuffer.suspended()).as("all released").isFalse();
    assertThat(calls.size() % 2).as("running at the end").isZero();
  }

  private void takeAndRelease(PendingMemory memory, FlowSignal signal) {
    for (int round = 0; round < 2_000; round++) {
      WireBuffer buffer;
      boolean changed;
      lock.lock();
      try {
        buffer = memory.take();
        changed = memory.suspendNow(true);
      } finally {
        lock.unlock();
      }
      if (changed) {
        signal.sync();
      }
      lock.lock();
      try {
        changed = memory.release(buffer);
      } finally {
        lock.unlock();
      }
      if (changed) {
        signal.sync();
      }
    }
  }

  /** Not the common pool: one of these waits on a latch, and the pool may have one thread. */
  private static CompletableFuture<Void> onItsOwnThread(Runnable task) {
    return CompletableFuture.runAsync(task, runnable -> Thread.ofPlatform().start(runnable));
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(WAIT_SECONDS, TimeUnit.SECONDS)).as("latch opened").isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
