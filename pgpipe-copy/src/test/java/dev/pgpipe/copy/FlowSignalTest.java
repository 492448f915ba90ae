package dev.pgpipe.copy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.copy.codec.WireBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The source hears the writer's state in order: a resume decided after a suspend cannot reach it
 * first and leave it suspended, and its calls alternate, however the threads that changed the state
 * interleave.
 */
class FlowSignalTest {

  private static final int CAPACITY = WriterLimits.capacityFor(1024);

  private final WriterLimits limits =
      new WriterLimits(10, 1024, 1_000_000_000L, 8L * CAPACITY, 2L * CAPACITY, CAPACITY);
  private final ReentrantLock lock = new ReentrantLock();
  private final PendingMemory memory = new PendingMemory(limits, 0);
  private final RecordingFlow source = new RecordingFlow();
  private final FlowSignal signal = new FlowSignal(source, lock, memory);

  @Test
  void aResumeThatOvertakesItsSuspend_leavesTheSourceRunning_asTheMemoryIs() {
    List<WireBuffer> taken = new ArrayList<>(List.of(memory.take(), memory.take()));
    assertThat(memory.suspendNow(true)).as("thread A decides: suspend").isTrue();
    taken.forEach(memory::release);
    assertThat(memory.suspended()).as("thread B decides: resume").isFalse();

    signal.sync(); // B's call comes first
    signal.sync(); // then A's

    assertThat(source.calls).as("told nothing: it was never to stay suspended").isEmpty();
  }

  @Test
  void inOrder_theSourceIsToldEachChangeOnce() {
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
  void manyThreadsCrossingTheWatermarks_alternateTheCalls_andEndWithTheWritersState()
      throws Exception {
    List<CompletableFuture<Void>> threads =
        IntStream.range(0, 4)
            .mapToObj(t -> CompletableFuture.runAsync(this::takeAndReleaseRepeatedly))
            .toList();
    CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

    List<String> calls = source.calls;
    for (int i = 0; i < calls.size(); i++) {
      assertThat(calls.get(i)).as("call %d", i).isEqualTo(i % 2 == 0 ? "suspend" : "resume");
    }
    assertThat(calls.size() % 2 == 1).as("suspended at the end").isEqualTo(memory.suspended());
    assertThat(memory.suspended()).as("all released").isFalse();
  }

  private void takeAndReleaseRepeatedly() {
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
}
