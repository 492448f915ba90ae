package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * What is pending after a message: JetStream's count plus what the feed holds. A count the message
 * does not carry (jnats gives -1) is counted as none, and is not taken for "caught up".
 */
class ConsumerCountersTest {

  private final ConsumerCounters counts = new ConsumerCounters();

  @Test
  void pendingIsTheStreamsCountPlusWhatTheFeedHolds() {
    assertThat(counts.pendingAfter(3, 2)).isFalse();
    assertThat(counts.pending).isEqualTo(5);
    assertThat(counts.pendingAfter(0, 2)).isFalse();
    assertThat(counts.pending).isEqualTo(2);
    assertThat(counts.pendingAfter(0, 0)).as("caught up").isTrue();
    assertThat(counts.pending).isZero();
  }

  @Test
  void anUnknownCountIsNoneButNotCaughtUp() {
    assertThat(counts.pendingAfter(-1, 0)).isFalse();
    assertThat(counts.pending).isZero();
    assertThat(counts.pendingAfter(-1, 4)).isFalse();
    assertThat(counts.pending).isEqualTo(4);
  }

  @Test
  void aHeldCountReadMidUpdateIsNone_soPendingNeverGoesNegative() {
    assertThat(counts.pendingAfter(0, -1)).as("nothing in the stream, nothing held").isTrue();
    assertThat(counts.pending).isZero();
    assertThat(counts.pendingAfter(2, -1)).isFalse();
    assertThat(counts.pending).isEqualTo(2);
  }
}
