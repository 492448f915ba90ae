package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** What a failed publish means, read from what jnats failed it with. */
class PublishFailureTest {

  @Test
  void noRespondersWhileTheConnectionStandsIsTransient() {
    PublishFailure failure =
        PublishFailure.of(
            new CompletionException(
                new IOException("Error Publishing: 503 No Responders Available For Request")));

    assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.TRANSIENT);
    assertThat(failure.noResponders()).isTrue();
    assertThat(failure.streamFull()).isFalse();
  }

  @Test
  void aTimeoutIsTransientButNotNoResponders() {
    PublishFailure failure = PublishFailure.of(new CompletionException(new TimeoutException()));

    assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.TRANSIENT);
    assertThat(failure.noResponders()).isFalse();
  }

  @Test
  void anOtherIoFailureIsTransientButNotNoResponders() {
    PublishFailure failure = PublishFailure.of(new IOException("cannot reach nats-503:4222"));

    assertThat(failure.kind()).isEqualTo(PublishFailure.Kind.TRANSIENT);
    assertThat(failure.noResponders()).isFalse();
  }
}
