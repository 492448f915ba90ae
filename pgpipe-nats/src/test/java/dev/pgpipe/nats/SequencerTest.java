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
 * What the consumer does with each message, whatever JetStream delivers: chunks in order, gaps in
 * the stream sequence, redeliveries of held and of completed messages, copies stored again, a
 * transaction sent again from its start, the rest of a dead-lettered transaction, snapshot
 * messages. The messages spell out what it expects next. {@link SequencerPartsTest} covers
 * transactions in consecutive stream sequences.
 */
class SequencerTest {

  private final Sequencer s = new Sequencer();

  private static ChunkHeader chunk(String tx, int chunk, boolean last) {
    return new ChunkHeader("src", tx, 5, chunk, last, 0);
  }

  /** Takes the message as the consumer does after the handler accepted it. */
  private void take(long seq, ChunkHeader header) {
    assertThat(s.decide(seq, header)).as("message %d", seq).isIn(APPLY, RESTART, ABANDON);
    if (header.last() || header.isSnapshot()) {
      s.completed(seq, header);
    } else {
      s.took(seq, header);
    }
  }

  @Test
  void chunksOfATransactionApplyInOrderAcrossGapsInTheStreamSequence() {
    assertThat(s.expecting()).isEqualTo("a first chunk");
    take(10, chunk("0/A", 0, false));
    assertThat(s.isOpen()).isTrue();
    take(13, chunk("0/A", 1, false));
    assertThat(s.firstSeq(99)).as("the open transaction's first chunk").isEqualTo(10);
    assertThat(s.expecting()).isEqualTo("chunk 2 of src:0/A (after message 13)");
    assertThat(s.decide(12, chunk("0/A", 2, true))).as("in a gap").isEqualTo(SKIP_HELD);
    take(20, chunk("0/A", 2, true));
    assertThat(s.isOpen()).isFalse();
    assertThat(s.firstSeq(99)).as("none open").isEqualTo(99);
    assertThat(s.expecting()).isEqualTo("a first chunk");
  }

  @Test
  void everythingUpToTheLastCompletedMessageIsARedelivery() {
    take(10, chunk("0/A", 0, true));
    assertThat(s.decide(10, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(9, chunk("0/9", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(11, chunk("0/B", 0, true))).as("the next message").isEqualTo(APPLY);
  }

  @Test
  void completingOrCopyingAnOlderMessageNeverLowersWhatIsDone() {
    s.completed(20, null);
    s.completed(15, null);
    assertThat(s.decide(18, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(20, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.copied(17)).as("nothing open: acknowledge").isTrue();
    assertThat(s.decide(20, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.copied(25)).isTrue();
    assertThat(s.decide(25, chunk("0/A", 0, true))).isEqualTo(SKIP_DONE);
    assertThat(s.decide(26, chunk("0/A", 0, true))).isEqualTo(APPLY);
  }

  /**
   * The old Sequencer kept the reply subject of each held chunk and acknowledged them one by one.
   * The audited one holds nothing: the acknowledgement of the last chunk covers every earlier
   * message (ack-all), so a redelivered held chunk is ignored and changes nothing.
   */
  @Test
  void aRedeliveredHeldChunkIsIgnoredAndLeavesTheOpenTransactionAsItWas() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    assertThat(s.decide(10, chunk("0/A", 0, false))).isEqualTo(SKIP_HELD);
    assertThat(s.decide(11, chunk("0/A", 1, false))).isEqualTo(SKIP_HELD);
    assertThat(s.firstSeq(0)).isEqualTo(10);
    assertThat(s.expecting()).isEqualTo("chunk 2 of src:0/A (after message 11)");
    assertThat(s.decide(12, chunk("0/A", 2, true))).isEqualTo(APPLY);
  }

  /**
   * A copy stored again under a new sequence was a redelivery (SKIP_HELD) for the old Sequencer;
   * the audited one calls it a copy (SKIP_COPY) and moves past it, so that its redelivery is held.
   */
  @Test
  void copiesOfEarlierTakenChunksStoredUnderNewSequencesAreSkippedNotAcknowledged() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    take(12, chunk("0/A", 2, false));
    assertThat(s.decide(13, chunk("0/A", 1, false))).isEqualTo(SKIP_COPY);
    assertThat(s.decide(13, chunk("0/A", 2, false))).isEqualTo(SKIP_COPY);
    assertThat(s.copied(13)).as("the last chunk's acknowledgement covers it").isFalse();
    assertThat(s.expecting()).isEqualTo("chunk 3 of src:0/A (after message 13)");
    assertThat(s.decide(13, chunk("0/A", 1, false))).isEqualTo(SKIP_HELD);
    assertThat(s.firstSeq(0)).isEqualTo(10);
    assertThat(s.decide(14, chunk("0/A", 3, true))).isEqualTo(APPLY);
    s.completed(14, chunk("0/A", 3, true));
    assertThat(s.decide(15, chunk("0/A", 1, false))).as("after completion").isEqualTo(SKIP_COPY);
    assertThat(s.copied(15)).isTrue();
    assertThat(s.decide(15, chunk("0/A", 3, true))).isEqualTo(SKIP_DONE);
  }

  @Test
  void aTransactionSentAgainFromItsStartRestartsAndForgetsWhatWasTaken() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    assertThat(s.decide(12, chunk("0/A", 0, false))).isEqualTo(RESTART);
    take(12, chunk("0/A", 0, false));
    assertThat(s.firstSeq(0)).isEqualTo(12);
    assertThat(s.expecting()).isEqualTo("chunk 1 of src:0/A (after message 12)");
    assertThat(s.decide(13, chunk("0/A", 2, false))).as("chunk 1 is due").isEqualTo(UNEXPECTED);
    assertThat(s.decide(13, chunk("0/A", 1, false))).isEqualTo(APPLY);
  }

  /**
   * The first chunk of another transaction while one is open was unexpected for the old Sequencer;
   * the audited one abandons the open transaction (a publisher restarted and sends it again).
   */
  @Test
  void aSkippedChunkIsUnexpectedAndAnotherTransactionsFirstChunkAbandonsTheOpenOne() {
    take(10, chunk("0/A", 0, false));
    assertThat(s.decide(11, chunk("0/A", 2, false))).as("chunk 1 missing").isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, chunk("0/B", 1, false))).isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, chunk("0/B", 0, false))).as("a new one begins").isEqualTo(ABANDON);
    assertThat(s.decide(11, new ChunkHeader("other", "0/A", 5, 1, false, 0)))
        .as("the same transaction name from another source")
        .isEqualTo(UNEXPECTED);
    assertThat(s.decide(11, new ChunkHeader("other", "0/A", 5, 0, false, 0)))
        .as("the first chunk of the same name from another source")
        .isEqualTo(ABANDON);
    assertThat(s.decide(11, chunk("snapshot:0/1:public.t", 0, true))).isEqualTo(UNEXPECTED);
    take(11, chunk("0/B", 0, false));
    assertThat(s.firstSeq(0)).as("the abandoned one is forgotten").isEqualTo(11);
    assertThat(s.decide(12, chunk("0/A", 1, false))).isEqualTo(UNEXPECTED);
    assertThat(s.decide(12, chunk("0/B", 1, true))).isEqualTo(APPLY);
  }

  @Test
  void afterAFailureTheOpenTransactionIsForgottenAndDeliveredAgainFromItsStart() {
    take(10, chunk("0/A", 0, false));
    take(11, chunk("0/A", 1, false));
    s.reset();
    assertThat(s.isOpen()).isFalse();
    assertThat(s.expecting()).isEqualTo("a first chunk");
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
  void onlyTheTransactionJustCompletedHasCopiesToSkip() {
    take(1, chunk("0/A", 0, false));
    take(2, chunk("0/A", 1, true));
    take(3, chunk("0/B", 0, true));
    assertThat(s.decide(4, chunk("0/A", 1, true))).as("an older one").isEqualTo(ORPHAN);
    assertThat(s.decide(4, new ChunkHeader("other", "0/B", 5, 1, true, 0))).isEqualTo(ORPHAN);
    s.completed(4, null);
    assertThat(s.decide(5, chunk("0/B", 1, true))).as("after a skipped message").isEqualTo(ORPHAN);
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
