package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransientRuleTest {

  @ParameterizedTest(name = "{0}: transient={1}, conflict={2}, connection={3}")
  @CsvSource(
      nullValues = "null",
      value = {
        "40001, true, true, false",
        "40P01, true, true, false",
        "08000, true, false, true",
        "08001, true, false, true",
        "08006, true, false, true",
        "08P01, true, false, true",
        "57P01, true, false, true",
        "57P02, true, false, true",
        "57P03, true, false, true",
        "57P05, true, false, true",
        "53000, true, false, false",
        "53100, true, false, false",
        "53200, true, false, false",
        "53300, true, false, false",
        "53400, true, false, false",
        "57014, true, false, false",
        "55P03, true, false, false",
        "55006, true, false, false",
        "57P04, false, false, false",
        "57000, false, false, false",
        "55000, false, false, false",
        "42704, false, false, false",
        "42P01, false, false, false",
        "23505, false, false, false",
        "22P02, false, false, false",
        "28P01, false, false, false",
        "XX000, false, false, false",
        "null, false, false, false"
      })
  void classifiesEachSqlStateOnce(
      String sqlState, boolean transientFailure, boolean conflict, boolean connection) {
    PgException e = new PgException("failed", sqlState, null, null, 0, null);

    assertThat(e.isTransient()).isEqualTo(transientFailure);
    assertThat(e.isRetryable()).isEqualTo(conflict);
    assertThat(e.isConnectionFailure()).isEqualTo(connection);
  }

  @ParameterizedTest(name = "pool failure with {0}: transient={1}")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, true",
        "08001, true",
        "08006, true",
        "53300, true",
        "28P01, false",
        "28000, false",
        "3D000, false"
      })
  void connectionUnavailableIsTransientUnlessTheServerRefusedForGood(
      String sqlState, boolean transientFailure) {
    PgException cause = new PgException("connect", sqlState, null, null, 0, null);

    assertThat(new ConnectionUnavailableException("no connection", cause).isTransient())
        .isEqualTo(transientFailure);
  }

  @Test
  void cancelledQueriesAndUnknownCommitsAreTransientButUnknownCommitsAreNoConflict() {
    PgException lost = new PgException("COMMIT failed", "08006", null, null, 0, null);

    assertThat(new CommitOutcomeUnknownException(lost).isTransient()).isTrue();
    assertThat(new CommitOutcomeUnknownException(lost).isRetryable()).isFalse();
    assertThat(
            new QueryCancelledException("cancelled", ServerError.of("57014"), null).isTransient())
        .isTrue();
  }
}
