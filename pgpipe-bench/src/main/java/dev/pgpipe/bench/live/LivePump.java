package dev.pgpipe.bench.live;

import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.market.LiveLoad;
import java.util.Map;

/**
 * The benchmark's loop on the calling thread: {@code client.next()} into {@code load.accept()}, a
 * warm-up, then a timed window in which every 64th record is timed stage by stage (wall clock and
 * thread CPU time) and the CPU time of every thread is taken at both ends.
 */
final class LivePump {

  private static final int SAMPLE_MASK = 63;

  private final LiveClient client;
  private final LiveLoad load;
  private final long gatewayThread;

  LivePump(LiveClient client, LiveLoad load, Thread gateway) {
    this.client = client;
    this.load = load;
    this.gatewayThread = gateway.threadId();
  }

  /** What the window measured. */
  record Window(
      long records, long committed, long nanos, Map<String, Long> cpuNanos, Stages stages) {}

  Window run(long warmUpNanos, long windowNanos) {
    pump(System.nanoTime() + warmUpNanos, new Stages());
    ThreadCpu before = ThreadCpu.snapshot();
    long committedBefore = load.status().committed();
    long start = System.nanoTime();
    Stages stages = new Stages();
    long records = pump(start + windowNanos, stages);
    long elapsed = System.nanoTime() - start;
    long committed = load.status().committed() - committedBefore;
    Map<String, Long> cpu =
        ThreadCpu.snapshot().since(before, Thread.currentThread().threadId(), gatewayThread);
    return new Window(records, committed, elapsed, cpu, stages);
  }

  /** Moves records until {@code deadline}; returns how many. */
  private long pump(long deadline, Stages stages) {
    for (long i = 0; ; i++) {
      if ((i & SAMPLE_MASK) != 0) {
        load.accept(next());
        continue;
      }
      long wall0 = System.nanoTime();
      long cpu0 = ThreadCpu.current();
      LiveEvent event = next();
      long wall1 = System.nanoTime();
      long cpu1 = ThreadCpu.current();
      load.accept(event);
      long wall2 = System.nanoTime();
      long cpu2 = ThreadCpu.current();
      stages.add(wall1 - wall0, cpu1 - cpu0, wall2 - wall1, cpu2 - cpu1);
      if (wall2 >= deadline) {
        return i + 1;
      }
    }
  }

  private LiveEvent next() {
    LiveEvent event = client.next();
    if (event == null) {
      throw new IllegalStateException("the benchmark gateway ended the session early");
    }
    return event;
  }
}
