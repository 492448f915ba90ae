package dev.pgpipe.bench.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of every live platform thread at one moment, by thread id. Virtual threads run on the
 * carrier threads of the default scheduler ({@code ForkJoinPool-*}), whose CPU time includes them.
 */
final class ThreadCpu {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> nanos;
  private final Map<Long, String> names;
  private final long process;

  private ThreadCpu(Map<Long, Long> nanos, Map<Long, String> names, long process) {
    this.nanos = nanos;
    this.names = names;
    this.process = process;
  }

  /** CPU time of the whole JVM process (GC and JIT threads included), or -1 if unknown. */
  private static long processNanos() {
    return ManagementFactory.getOperatingSystemMXBean()
            instanceof com.sun.management.OperatingSystemMXBean os
        ? os.getProcessCpuTime()
        : -1;
  }

  /** CPU time of the calling thread, in ns. */
  static long current() {
    return THREADS.getCurrentThreadCpuTime();
  }

  /** A snapshot of all threads. */
  static ThreadCpu snapshot() {
    long process = processNanos();
    Map<Long, Long> nanos = new HashMap<>();
    Map<Long, String> names = new HashMap<>();
    for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
      if (info == null) {
        continue;
      }
      long cpu = THREADS.getThreadCpuTime(info.getThreadId());
      if (cpu >= 0) {
        nanos.put(info.getThreadId(), cpu);
        names.put(info.getThreadId(), info.getThreadName());
      }
    }
    return new ThreadCpu(nanos, names, process);
  }

  /**
   * CPU ns used since {@code earlier}, by group: the loop thread, the gateway, the carriers of
   * virtual threads (COPY senders, flush ticks) and the rest of the process (other Java threads,
   * and the GC and JIT threads, which only the process's CPU time includes).
   */
  Map<String, Long> since(ThreadCpu earlier, long loopThread, long gatewayThread) {
    Map<String, Long> groups = new HashMap<>();
    nanos.forEach(
        (id, cpu) -> {
          long used = cpu - earlier.nanos.getOrDefault(id, 0L);
          String group =
              id == loopThread
                  ? "loop"
                  : id == gatewayThread
                      ? "gateway"
                      : names.getOrDefault(id, "").startsWith("ForkJoinPool")
                          ? "carriers"
                          : "other";
          groups.merge(group, used, Long::sum);
        });
    if (process >= 0 && earlier.process >= 0) {
      long threads = groups.values().stream().mapToLong(Long::longValue).sum();
      long rest = process - earlier.process - threads;
      groups.merge("other", Math.max(0, rest), Long::sum);
    }
    return groups;
  }
}
