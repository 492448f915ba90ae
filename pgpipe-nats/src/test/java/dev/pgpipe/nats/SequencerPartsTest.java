package dev.pgpipe.nats;

import static dev.pgpipe.nats.Sequencer.Action.ABANDON;
import static dev.pgpipe.nats.Sequencer.Action.APPLY;
import static dev.pgpipe.nats.Sequencer.Action.DEAD_REST;
import static dev.pgpipe.nats.Sequencer.Action.ORPHAN;
import static dev.pgpipe.nats.Sequencer.Action.RESTART;
import static dev.pgpipe.nats.Sequencer.Action.SKIP_COPY;
import static dev.pgpipe.nats.Sequencer.Action.SKIP_DONE;
import static dev.pgpipe.nats.Sequencer.Action.SKIP_HELD;
import static dev.pgpipe.nats.Sequencer.Action.UNEXPECTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The Sequencer on transactions sent in several chunks: what it applies, skips, restarts and
 * abandons, after complete transactions, after a failure, and when the stream holds copies.
 */
class SequencerPartsTest {

  private final Sequencer s = new Sequencer();

  private static ChunkHeader chunk(String tx, int chunk, int of) {
    return new ChunkHeader("src", tx, 7, chunk, chunk == of - 1, chunk == of - 1 ? of : 0);
  }

  /** Takes the message the way the consumer does once the handler accepted it. */
  private void take(long seq, ChunkHeader header) {
    if (header.last() || header.isSnapshot()) {
      s.completed(seq, header);
    } else {
      s.took(seq, header);
    }
  }

  private void applyAll(long firstSeq, String tx, int chunks) {
    for (int i = 0; i < chunks; i++) {
      assertThat(s.decide(firstSeq + i, chunk(tx, i, chunks))).as("chunk %d", i).isEqualTo(APPLY);
      take(firstSeq + i, chunk(tx, i, chunks));
    }
  }

  @Test
  void firstAndLaterChunksOfATransactionAreAppliedInOrder() {
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(1, chunk("0/10", 0, 3))).isEqualTo(APPLY);
    take(1, chunk("0/10", 0, 3));
    assertThat(s.isOpen()).isTrue();
    assertThat(s.firstSeq(9)).isEqualTo(1);
    assertThat(s.expecting()).isEqualTo("chunk 1 of src:0/10 (after message 1)");
    assertThat(s.decide(2, chunk("0/10", 1, 3))).isEqualTo(APPLY);
    take(2, chunk("0/10", 1, 3));
    assertThat(s.decide(3, chunk("0/10", 2, 3))).isEqualTo(APPLY);
    take(3, chunk("0/10", 2, 3));
    assertThat(s.isOpen()).isFalse();
    assertThat(s.firstSeq(9)).isEqualTo(9);
  }

  @Test
  void aTransactionAfterACompleteOneStartsAtItsFirstChunk() {
    applyAll(1, "0/10", 3);
    assertThat(s.decide(4, chunk("0/20", 1, 2))).as("no beginning").isEqualTo(ORPHAN);
    applyAll(4, "0/20", 2);
    applyAll(6, "0/30", 1);
    assertThat(s.decide(7, chunk("0/40", 0, 4))).isEqualTo(APPLY);
  }

  @Test
  void chunksOfOneTransactionInSeveralPartsAreNumberedAcrossTheParts() {
    // parts of 2 and 1 chunks: the second part's chunk is number 2, not 0
    applyAll(1, "0/10", 3);
    assertThat(s.decide(3, chunk("0/10", 2, 3))).isEqualTo(SKIP_DONE);
  }

  @Test
  void aGapInTheOpenTransactionOrAnotherTransactionsLaterChunkIsUnexpected() {
    take(1, chunk("0/10", 0, 4));
    assertThat(s.decide(2, chunk("0/10", 2, 4))).isEqualTo(UNEXPECTED);
    assertThat(s.decide(2, chunk("0/20", 1, 4))).isEqualTo(UNEXPECTED);
    assertThat(s.decide(2, new ChunkHeader("src", "snapshot:0/5:public.t", 0, 0, true, 1)))
        .isEqualTo(UNEXPECTED);
  }

  @Test
  void redeliveriesOfChunksTakenOrCompletedAreSkipped() {
    applyAll(1, "0/10", 2);
    take(3, chunk("0/20", 0, 3));
    take(4, chunk("0/20", 1, 3));
    assertThat(s.decide(2, chunk("0/10", 1, 2))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(3, chunk("0/20", 0, 3))).isEqualTo(SKIP_HELD);
    assertThat(s.decide(4, chunk("0/20", 1, 3))).isEqualTo(SKIP_HELD);
    assertThat(s.decide(5, chunk("0/20", 2, 3))).isEqualTo(APPLY);
  }

  @Test
  void afterAFailureTheTransactionIsTakenAgainFromItsFirstChunk() {
    applyAll(1, "0/10", 1);
    take(2, chunk("0/20", 0, 3));
    take(3, chunk("0/20", 1, 3));
    s.reset();
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(1, chunk("0/10", 0, 1))).isEqualTo(SKIP_DONE);
    applyAll(2, "0/20", 3);
  }

  @Test
  void aRedeliveryFromTheMiddleOfATransactionIsAnOrphanNotAStart() {
    take(1, chunk("0/10", 0, 3));
    s.reset();
    assertThat(s.decide(2, chunk("0/10", 1, 3))).isEqualTo(ORPHAN);
  }

  @Test
  void theFirstChunkAgainRestartsTheOpenTransaction() {
    take(1, chunk("0/10", 0, 3));
    take(2, chunk("0/10", 1, 3));
    assertThat(s.decide(3, chunk("0/10", 0, 3))).isEqualTo(RESTART);
    take(3, chunk("0/10", 0, 3));
    assertThat(s.firstSeq(0)).isEqualTo(3);
    assertThat(s.decide(4, chunk("0/10", 1, 3))).isEqualTo(APPLY);
  }

  @Test
  void aChunkStoredTwiceInTheOpenTransactionIsSkippedAndNotAcknowledged() {
    take(1, chunk("0/10", 0, 4));
    take(2, chunk("0/10", 1, 4));
    assertThat(s.decide(3, chunk("0/10", 1, 4))).isEqualTo(SKIP_COPY);
    assertThat(s.copied(3)).isFalse();
    assertThat(s.decide(3, chunk("0/10", 1, 4))).as("its redelivery").isEqualTo(SKIP_HELD);
    assertThat(s.decide(4, chunk("0/10", 2, 4))).isEqualTo(APPLY);
    take(4, chunk("0/10", 2, 4));
    assertThat(s.decide(5, chunk("0/10", 3, 4))).isEqualTo(APPLY);
  }

  @Test
  void aLastChunkStoredTwiceIsSkippedAndAcknowledged() {
    applyAll(1, "0/10", 3);
    assertThat(s.decide(4, chunk("0/10", 2, 3))).isEqualTo(SKIP_COPY);
    assertThat(s.copied(4)).isTrue();
    assertThat(s.decide(4, chunk("0/10", 2, 3))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(5, chunk("0/20", 0, 1))).isEqualTo(APPLY);
  }

  @Test
  void aPublisherRestartSendingEarlierTransactionsAgainAbandonsTheOpenOne() {
    applyAll(1, "0/10", 2);
    take(3, chunk("0/20", 0, 3));
    assertThat(s.decide(4, chunk("0/10", 0, 2))).isEqualTo(ABANDON);
    take(4, chunk("0/10", 0, 2));
    assertThat(s.firstSeq(0)).isEqualTo(4);
    assertThat(s.decide(5, chunk("0/10", 1, 2))).isEqualTo(APPLY);
    take(5, chunk("0/10", 1, 2));
    applyAll(6, "0/20", 3);
  }

  @Test
  void theRestOfADeadLetteredTransactionFollowsIt() {
    take(1, chunk("0/10", 0, 3));
    s.deadLettered(2, chunk("0/10", 1, 3));
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(3, chunk("0/10", 2, 3))).isEqualTo(DEAD_REST);
    s.deadLettered(3, chunk("0/10", 2, 3));
    assertThat(s.decide(4, chunk("0/10", 2, 3))).as("after its last chunk").isEqualTo(ORPHAN);
  }

  @Test
  void snapshotMessagesStandAlone() {
    ChunkHeader snapshot = new ChunkHeader("src", "snapshot:0/5:public.t", 0, 4, false, 0);
    assertThat(s.decide(1, snapshot)).isEqualTo(APPLY);
    take(1, snapshot);
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(2, chunk("0/10", 0, 1))).isEqualTo(APPLY);
  }
}
