package dev.pgpipe.copy;

import java.util.concurrent.atomic.AtomicLong;

/** A writer's running counts; thread-safe. */
final class Counters {

  final AtomicLong rows = new AtomicLong();
  final AtomicLong bytes = new AtomicLong();
  final AtomicLong batches = new AtomicLong();
  final AtomicLong retries = new AtomicLong();
  final AtomicLong skipped = new AtomicLong();
  final AtomicLong rejected = new AtomicLong();
  final AtomicLong blockedNanos = new AtomicLong();

  WriterStats snapshot(long pendingBytes) {
    return new WriterStats(
        rows.get(),
        bytes.get(),
        batches.get(),
        retries.get(),
        skipped.get(),
        rejected.get(),
        pendingBytes);
  }
}
