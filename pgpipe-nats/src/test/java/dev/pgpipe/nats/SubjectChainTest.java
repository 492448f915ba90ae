package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.impl.Headers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@link SubjectChain} names as the previous message on a subject, through a resend. */
class SubjectChainTest {

  private final List<String> lookedUp = new ArrayList<>();
  private final Map<String, Long> inStream = Map.of("a", 7L, "b", 0L, "down", -1L);
  private final SubjectChain chain =
      new SubjectChain(
          subject -> {
            lookedUp.add(subject);
            return inStream.getOrDefault(subject, 0L);
          });

  @Test
  void aSubjectIsLookedUpOnce_thenEachMessageNamesTheOneSentBefore() {
    assertThat(chain.next("a", 10)).isEqualTo(7);
    assertThat(chain.next("b", 11)).as("none on b yet").isZero();
    assertThat(chain.next("a", 12)).isEqualTo(10);
    assertThat(chain.next("a", 13)).isEqualTo(12);
    assertThat(lookedUp).containsExactly("a", "b");
  }

  @Test
  void aResendStartsFromWhatWasStored() {
    chain.next("a", 10);
    chain.stored("a", 10);
    chain.next("a", 11); // lost with everything after it
    chain.next("a", 12);

    chain.rewind();

    assertThat(chain.next("a", 11)).isEqualTo(10);
    assertThat(chain.next("a", 12)).isEqualTo(11);
  }

  @Test
  void anUnansweredLookupIsUnknownAndAskedAgainAfterAResend() {
    assertThat(chain.next("down", 3)).isNegative();
    assertThat(chain.next("down", 4)).isEqualTo(3);

    chain.rewind();

    assertThat(chain.next("down", 3)).isNegative();
    assertThat(lookedUp).containsExactly("down", "down");
  }

  @Test
  void theHeaderIsReadBack_andAbsentOrForeignValuesAreUnknown() {
    Headers headers = new Headers().put(SubjectChain.HEADER, "42");

    assertThat(SubjectChain.previous(headers)).isEqualTo(42);
    assertThat(SubjectChain.previous(new Headers())).isNegative();
    assertThat(SubjectChain.previous(null)).isNegative();
    assertThat(SubjectChain.previous(new Headers().put(SubjectChain.HEADER, "x"))).isNegative();
  }
}
