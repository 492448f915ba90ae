package dev.pgpipe.nats;

import dev.pgpipe.cdc.Transaction;
import io.nats.client.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The whole transactions (and snapshot parts) a consumer took from JetStream and has not handed to
 * its handler yet: their parts in stream order, how many events and bytes, since when, and the last
 * message, whose acknowledgement (ack-all) will cover them all. Bounded by {@link BatchLimits} and
 * by half the consumer's MaxAckPending, so JetStream never stops delivering while a batch fills.
 * Not thread-safe.
 */
final class HeldBatch {

  private final BatchLimits limits;
  private final long maxMessages;
  private final List<Transaction> parts = new ArrayList<>();
  private @Nullable Message last;
  private @Nullable ChunkHeader lastHeader;
  private String source = "";
  private long lastSeq;
  private long events;
  private long bytes;
  private long transactions;
  private long startedNanos;
  private @Nullable Instant commitTime;

  HeldBatch(BatchLimits limits, long maxMessages) {
    this.limits = limits;
    this.maxMessages = Math.max(1, maxMessages);
  }

  /** Whether {@code source}'s parts may join (a batch holds one source's). */
  boolean takes(String partSource) {
    return parts.isEmpty() || source.equals(partSource);
  }

  void add(Message message, long seq, ChunkHeader header, Transaction part, long now) {
    if (parts.isEmpty()) {
      startedNanos = now;
      source = header.source();
    }
    parts.add(part);
    events += part.size();
    bytes += message.getData() == null ? 0 : message.getData().length;
    last = message;
    lastHeader = header;
    lastSeq = seq;
    if (!header.isSnapshot()) {
      transactions++;
      commitTime = part.commitTime();
    }
  }

  boolean isEmpty() {
    return parts.isEmpty();
  }

  /** Whether it reached a limit, or its first message waited the flush interval. */
  boolean full(long now) {
    return events >= limits.events()
        || bytes >= limits.bytes()
        || parts.size() >= maxMessages
        || now - startedNanos >= limits.flushInterval().toNanos();
  }

  List<Transaction> parts() {
    return List.copyOf(parts);
  }

  int size() {
    return parts.size();
  }

  String source() {
    return source;
  }

  @Nullable Message last() {
    return last;
  }

  @Nullable ChunkHeader lastHeader() {
    return lastHeader;
  }

  long lastSeq() {
    return lastSeq;
  }

  long transactions() {
    return transactions;
  }

  @Nullable Instant commitTime() {
    return commitTime;
  }

  void clear() {
    parts.clear();
    last = null;
    lastHeader = null;
    events = 0;
    bytes = 0;
    transactions = 0;
    commitTime = null;
  }
}
