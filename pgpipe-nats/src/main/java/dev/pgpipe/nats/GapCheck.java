package dev.pgpipe.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Message;
import io.nats.client.api.ConsumerInfo;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices messages that left the stream before a consumer took them (retention limits with {@code
 * DiscardOld}, {@code MaxAge}, a purge): for a consumer of a whole source, stream sequences come
 * one after the other, so a jump is looked up, and a sequence the stream no longer holds is a loss
 * that stops the consumer with a message saying which; so is a stream that starts past the ack
 * floor when the consumer resumes. A consumer with a narrower filter skips other subjects'
 * sequences by design: it checks instead that the previous message on each subject, which every
 * message names ({@link SubjectChain}), is one it took or one the stream still holds. Keeps one
 * entry per subject taken. Not thread-safe.
 */
final class GapCheck {

  private static final Logger log = LoggerFactory.getLogger(GapCheck.class);

  private final JetStreamManagement jsm;
  private final String stream;
  private final String durable;
  private final boolean everySequence;
  private final Map<String, Long> seenOnSubject = new HashMap<>();
  private long floor;
  private long last;

  GapCheck(JetStreamManagement jsm, ConsumerConfig config) {
    this.jsm = jsm;
    this.stream = config.stream().name();
    this.durable = config.durable();
    this.everySequence =
        config.filterSubject().equals(config.subjects().everything(config.source()));
  }

  /**
   * Reads where the consumer resumes; returns its ack floor.
   *
   * @throws NatsTransportException when messages after the ack floor are gone
   */
  long start() {
    try {
      ConsumerInfo info = jsm.getConsumerInfo(stream, durable);
      long floor =
          Math.max(
              info.getAckFloor().getStreamSequence(),
              info.getConsumerConfiguration().getStartSequence() - 1);
      last = Math.max(floor, 0);
      this.floor = last;
      seenOnSubject.clear();
      long first = jsm.getStreamInfo(stream).getStreamState().getFirstSequence();
      if (everySequence && last > 0 && first > last + 1) {
        throw lost(last + 1, first - 1);
      }
      return last;
    } catch (IOException | JetStreamApiException e) {
      log.warn("{}: cannot read where consumer resumes: {}", durable, e.toString());
      return last;
    }
  }

  /**
   * Checks the next message delivered, {@code seq} its stream sequence; its subject chain header is
   * read only for a narrower filter, the one check that uses it.
   */
  void check(long seq, Message message) {
    long subjectPrevious = everySequence ? -1 : SubjectChain.previous(message.getHeaders());
    check(seq, message.getSubject(), subjectPrevious);
  }

  /**
   * Checks the next message delivered: its stream sequence, and for a narrower filter the sequence
   * of the previous message on its subject ({@code subjectPrevious}, from {@link
   * SubjectChain#HEADER}; negative when the message has none).
   */
  void check(long seq, String subject, long subjectPrevious) {
    if (seq <= last) {
      return;
    }
    long expected = last + 1;
    long previous = last;
    last = seq;
    if (!everySequence) {
      checkSubject(subject, seq, subjectPrevious);
      return;
    }
    if (previous == 0 || seq == expected || !missing(expected)) {
      return;
    }
    throw lost(expected, seq - 1);
  }

  /**
   * A narrower filter's check: the previous message on the subject must be one this consumer took
   * (or one at or below its ack floor), or still be in the stream to be taken.
   */
  private void checkSubject(String subject, long seq, long subjectPrevious) {
    Long seen = seenOnSubject.put(subject, seq);
    long taken = seen != null ? seen : floor;
    if (subjectPrevious > taken && missing(subjectPrevious)) {
      throw lostOnSubject(subjectPrevious, subject, seq);
    }
  }

  private boolean missing(long seq) {
    try {
      jsm.getMessage(stream, seq);
      return false;
    } catch (JetStreamApiException e) {
      return e.getApiErrorCode() == StreamTail.NO_MESSAGE;
    } catch (IOException e) {
      log.warn("{}: cannot look up stream sequence {}: {}", durable, seq, e.toString());
      return false;
    }
  }

  private NatsTransportException lost(long from, long to) {
    return lost("sequences " + from + ".." + to + ", which consumer " + durable + " had not taken");
  }

  private NatsTransportException lostOnSubject(long missing, String subject, long seq) {
    return lost(
        "sequence "
            + missing
            + ", the message before sequence "
            + seq
            + " on subject "
            + subject
            + ", which consumer "
            + durable
            + " had not taken");
  }

  private NatsTransportException lost(String what) {
    return new NatsTransportException(
        "stream "
            + stream
            + " no longer holds "
            + what
            + ": they were removed (retention limits with DiscardOld, MaxAge, or a purge) and their"
            + " changes are missing from the target. The consumer stops rather than skip them:"
            + " re-sync the affected tables, then recreate the consumer");
  }
}
