package dev.pgpipe.nats;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Counters of a {@link TransactionConsumer}: transactions applied (snapshot parts not counted),
 * messages handed to the handler, events in them, dead letters sent, failures (handler refusals and
 * unexpected messages), redeliveries skipped, messages pending (not taken yet: what the stream held
 * for the consumer beyond the last message delivered, JetStream's {@code num_pending}, plus what
 * the client had fetched and not handed out then; 0 before the first message), and the commit time
 * of the last transaction applied (null before the first).
 */
public record ConsumerStats(
    long transactions,
    long messages,
    long events,
    long deadLetters,
    long failures,
    long skipped,
    long pending,
    @Nullable Instant lastCommitTime) {

  /**
   * How far the target is behind the source at {@code now}: zero when nothing is pending (caught
   * up, however long ago the last commit was), else the age of the last transaction applied; empty
   * before the first was applied.
   */
  public Optional<Duration> lag(Instant now) {
    if (pending == 0) {
      return Optional.of(Duration.ZERO);
    }
    Instant last = lastCommitTime;
    if (last == null) {
      return Optional.empty();
    }
    Duration behind = Duration.between(last, now);
    return Optional.of(behind.isNegative() ? Duration.ZERO : behind);
  }
}
