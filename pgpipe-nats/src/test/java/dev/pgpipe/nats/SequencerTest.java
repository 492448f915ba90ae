package dev.pgpipe.nats;

import static dev.pgpipe.nats.Sequencer.Action.APPLY;
import static dev.pgpipe.nats.Sequencer.Action.DEAD_REST;
import static dev.pgpipe.nats.Sequencer.Action.ORPHAN;
import static dev.pgpipe.nats.Sequencer.Action.RESTART;
import static dev.pgpipe.nats.Sequencer.Action.SKIP_DONE;
import static dev.pgpipe.nats.Sequencer.Action.SKIP_HELD;
import static dev.pgpipe.nats.Sequencer.Action.UNEXPECTED;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What the consumer does with each message, whatever JetStream delivers: chunks in order, gaps in
 * the stream sequence, redeliveries of held and of completed messages, a transaction sent again
 * from its start, the rest of a dead-lettered transaction, snapshot messages.
 */
class SequencerTest {

  private final Sequencer s = new Sequencer();

  private static ChunkHeader chunk(String tx, int chunk, boolean last) {
    return new ChunkHeader("src", tx, 5, chunk, last, 0);
  }

  /** Takes the message as the consumer does after the handler accepted it. */
  private void take(long seq, ChunkHeader header) {
    assertThat(s.decide(seq, header)).as("message %d", seq).isIn(APPLY, RESTART);
    if (header.last() || header.isSnapshot()) {
      s.completed(seq);
    } else {
      s.took(seq, header, "reply-" + seq);
    }
  }

  @Test
  void chunksOfATransactionApplyInOrderAcrossGapsInTheStreamSequence() {
    take(10, chunk("0/A", 0, false));
    assertThat(s.isOpen()).isTrue();
    take(13, chunk("0/A", 1, false));
    assertThat(s.firstSeq(99)).as("the open transaction's first chunk").isEqualTo(10);
    assertThat(s.heldReplies()).containsExactly("reply-10", "reply-13");
    take(20, chunk("0/A", 2, true));
    assertThat(s.isOpen()).isFalse();
    assertThat(s.firstSeq(99)).as("none open").isEqualTo(99);
    assertThat(s.heldReplies()).isEmpty();
  }

  @Test
  void everythingUpToTheLastCompletedMessageIsARedelivery() {
    take(10, chunk("0/A", 0, true));
    assertThat(s.decide(10, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(9, chunk("0/9", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(11, chunk("0/B", 0, true))).as("the next message").isEqualTo(APPLY);
  }

  @Test
  void completingAnOlderMessageNeverLowersWhatIsDone() {
    s.completed(20);
    s.completed(15);
    assertThat(s.decide(18, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(20, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
  }

  @Test
  void aRedeliveredHeldChunkIsIgnoredAndAcknowledgedLaterWithItsNewestReply() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    assertThat(s.decide(10, chunk("0/A", 0, false))).isEqualTo(SKIP_HELD);
    assertThat(s.decide(11, chunk("0/A", 1, false))).isEqualTo(SKIP_HELD);
    s.redelivered(10, "reply-10-again");
    s.redelivered(12, "never held");
    assertThat(s.heldReplies()).containsExactly("reply-10-again", "reply-11");
    assertThat(s.decide(12, chunk("0/A", 2, true))).isEqualTo(APPLY);
  }

  @Test
  void aCopyOfATakenChunkStoredUnderANewSequenceIsIgnored() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    take(12, chunk("0/A", 2, false));
    assertThat(s.decide(13, chunk("0/A", 1, false))).isEqualTo(SKIP_HELD);
    assertThat(s.decide(13, chunk("0/A", 2, false))).isEqualTo(SKIP_HELD);
    assertThat(s.heldReplies()).containsExactly("reply-10", "reply-11", "reply-12");
    assertThat(s.decide(14, chunk("0/A", 3, true))).isEqualTo(APPLY);
  }

  @Test
  void aTransactionSentAgainFromItsStartRestartsAndForgetsWhatWasHeld() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    assertThat(s.decide(12, chunk("0/A", 0, false))).isEqualTo(RESTART);
    take(12, chunk("0/A", 0, false));
    assertThat(s.firstSeq(0)).isEqualTo(12);
    assertThat(s.heldReplies()).containsExactly("reply-12");
    assertThat(s.decide(13, chunk("0/A", 2, false))).as("chunk 1 is due").isEqualTo(UNEXPECTED);
    assertThat(s.decide(13, chunk("0/A", 1, false))).isEqualTo(APPLY);
  }

  @Test
  void aSkippedChunkOrAnotherTransactionWhileOneIsOpenIsUnexpected() {
    take(10, chunk("0/A", 0, false));
    assertThat(s.decide(11, chunk("0/A", 2, false))).as("chunk 1 missing").isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, chunk("0/B", 1, false))).isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, chunk("0/B", 0, false))).as("a new one begins").isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, new ChunkHeader("other", "0/A", 5, 1, false, 0)))
        .as("the same transaction name from another source")
        .isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, chunk("snapshot:0/1:public.t", 0, true))).isEqualTo(UNEXPECTED);
  }

  @Test
  void afterAFailureTheOpenTransactionIsForgottenAndDeliveredAgainFromItsStart() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    s.reset();
    assertThat(s.isOpen()).isFalse();
    assertThat(s.heldReplies()).isEmpty();
    assertThat(s.decide(11, chunk("0/A", 1, false))).as("no start to follow").isEqualTo(ORPHAN);
    assertThat(s.decide(10, chunk("0/A", 0, false))).isEqualTo(APPLY);
  }

  @Test
  void withNothingOpenAChunkWithoutItsStartIsAnOrphan() {
    assertThat(s.decide(1, chunk("0/A", 1, false))).isEqualTo(ORPHAN);
    assertThat(s.decide(1, chunk("0/A", 3, true))).isEqualTo(ORPHAN);
    assertThat(s.decide(1, chunk("0/A", 0, false))).isEqualTo(APPLY);
  }

  @Test
  void theRestOfADeadLetteredTransactionFollowsItUntilItsLastChunk() {
    take(10, chunk("0/A", 0, false));
    s.deadLettered(11, chunk("0/A", 1, false));
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(11, chunk("0/A", 1, false))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(12, chunk("0/A", 2, false))).isEqualTo(DEAD_REST);
    assertThat(s.decide(12, new ChunkHeader("other", "0/A", 5, 2, false, 0)))
        .as("the same transaction name from another source")
        .isEqualTo(ORPHAN);
    s.deadLettered(12, chunk("0/A", 2, false));
    assertThat(s.decide(13, chunk("0/A", 3, true))).isEqualTo(DEAD_REST);
    s.deadLettered(13, chunk("0/A", 3, true));
    assertThat(s.decide(14, chunk("0/A", 4, false))).as("after its last chunk").isEqualTo(ORPHAN);
    assertThat(s.decide(14, chunk("0/B", 0, false))).isEqualTo(APPLY);
  }

  @Test
  void aDeadLetteredWholeTransactionLeavesNothingToFollow() {
    s.deadLettered(5, chunk("0/A", 0, true));
    assertThat(s.decide(6, chunk("0/A", 1, false))).isEqualTo(ORPHAN);
  }

  @Test
  void snapshotMessagesApplyOneByOneInAnyChunkOrder() {
    ChunkHeader rows = chunk("snapshot:0/1:public.t", 3, false);
    assertThat(rows.isSnapshot()).isTrue();
    assertThat(s.decide(1, rows)).isEqualTo(APPLY);
    take(1, rows);
    assertThat(s.isOpen()).isFalse();
    assertThat(s.decide(1, rows)).isEqualTo(SKIP_DONE);
    assertThat(s.decide(2, chunk("snapshot:0/1:public.t", 1, false))).isEqualTo(APPLY);
  }
}
