package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PoolNamesTest {

  @Test
  void aNameInUseGetsTheNextFreeSuffix_andAReleasedNameIsGivenAgain() {
    String first = PoolNames.claim("pool-names-test");
    String second = PoolNames.claim("pool-names-test");
    String third = PoolNames.claim("pool-names-test");
    PoolNames.release(second);

    assertThat(first).isEqualTo("pool-names-test");
    assertThat(second).isEqualTo("pool-names-test-2");
    assertThat(third).isEqualTo("pool-names-test-3");
    assertThat(PoolNames.claim("pool-names-test")).isEqualTo("pool-names-test-2");
  }
}
