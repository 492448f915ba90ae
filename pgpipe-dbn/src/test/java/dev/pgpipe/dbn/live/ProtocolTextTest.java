package dev.pgpipe.dbn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.dbn.DbnEncoder.Compression;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure side of the control protocol: parsing gateway lines, the CRAM answer, the auth line. */
class ProtocolTextTest {

  @Test
  void parsesFieldsInAnyOrderWithATrailingBar() {
    assertThat(ControlLine.fields("session_id=5b3e|success=1|"))
        .containsExactly(Map.entry("session_id", "5b3e"), Map.entry("success", "1"));
  }

  @Test
  void classifiesGreetingChallengeAndReplies() {
    assertThat(GatewayMessage.parse("lsg_version=0.6.2"))
        .isEqualTo(new GatewayMessage.Greeting("lsg_version=0.6.2"));
    assertThat(GatewayMessage.parse("hello from a test gateway"))
        .isInstanceOf(GatewayMessage.Greeting.class);
    assertThat(GatewayMessage.parse("cram=abc")).isEqualTo(new GatewayMessage.Challenge("abc"));
    assertThat(GatewayMessage.parse("success=1|session_id=7"))
        .isEqualTo(new GatewayMessage.AuthReply(true, "7", null));
    assertThat(GatewayMessage.parse("error=Unknown key|success=0|"))
        .isEqualTo(new GatewayMessage.AuthReply(false, null, "Unknown key"));
  }

  @Test
  void rejectsASuccessFlagOtherThanZeroOrOne() {
    assertThatThrownBy(() -> GatewayMessage.parse("success=yes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("yes");
    assertThatThrownBy(() -> GatewayMessage.parse("cram="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void cramResponseMatchesTheSpecTestVector() {
    assertThat(
            ApiKey.of("32-character-with-lots-of-filler")
                .cramResponse("t7kNhwj4xqR0QYjzFKtBEG2ec2pXJ4FK"))
        .isEqualTo("42e2c6c6a874b2f4498bcaf0541be406901a23adef1fb2843d5426f6d2387d14-iller");
  }

  @Test
  void apiKeyShowsOnlyItsLastFiveCharacters() {
    ApiKey key = ApiKey.of(LiveFixtures.KEY);
    assertThat(key.toString()).isEqualTo("ApiKey(...iller)").doesNotContain("filler");
    assertThat(key).isEqualTo(ApiKey.of(LiveFixtures.KEY)).hasSameHashCodeAs(key);
    assertThatThrownBy(() -> ApiKey.of("short-secret-key"))
        .hasMessageContaining("16")
        .hasMessageNotContaining("secret");
  }

  @Test
  void apiKeyComesFromTheEnvironmentOrFailsClearly() {
    assertThat(ApiKey.fromEnvironment(name -> name.equals(ApiKey.ENV) ? LiveFixtures.KEY : null))
        .isEqualTo(ApiKey.of(LiveFixtures.KEY));
    assertThatThrownBy(() -> ApiKey.fromEnvironment(name -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("DATABENTO_API_KEY");
    assertThatThrownBy(() -> LiveClient.builder().dataset("X").environment(n -> null).build())
        .hasMessageContaining("DATABENTO_API_KEY");
  }

  @Test
  void apiKeyComesFromTheFileNamedByTheFileVariable(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path file = Files.writeString(dir.resolve("key"), LiveFixtures.KEY + "\n");
    Path missing = dir.resolve("missing");
    Map<String, String> fromFile = Map.of(ApiKey.FILE_ENV, file.toString());
    Map<String, String> both = Map.of(ApiKey.FILE_ENV, file.toString(), ApiKey.ENV, "x");

    assertThat(ApiKey.fromEnvironment(fromFile::get)).isEqualTo(ApiKey.of(LiveFixtures.KEY));
    assertThatThrownBy(() -> ApiKey.fromEnvironment(both::get))
        .hasMessage("both DATABENTO_API_KEY and DATABENTO_API_KEY_FILE are set: keep only one");
    assertThatThrownBy(() -> ApiKey.fromEnvironment(Map.of(ApiKey.FILE_ENV, missing + "")::get))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith(
            "DATABENTO_API_KEY_FILE names " + missing + ", which cannot be read");
  }

  @Test
  void authLineCarriesTheSessionParametersAndHidesTheResponseInToString() {
    AuthRequest request =
        new AuthRequest(
            "f00d-iller",
            "GLBX.MDP3",
            true,
            Compression.ZSTD,
            "pgpipe/0.1",
            Duration.ofSeconds(10),
            SlowReaderBehavior.SKIP);
    assertThat(request.encode())
        .isEqualTo(
            "auth=f00d-iller|dataset=GLBX.MDP3|encoding=dbn|ts_out=1|compression=zstd"
                + "|client=pgpipe/0.1|heartbeat_interval_s=10|slow_reader_behavior=skip\n");
    assertThat(request.toString()).doesNotContain("f00d");
  }

  @Test
  void controlLinesRejectValuesThatWouldBreakTheLine() {
    assertThatThrownBy(() -> ControlLine.encode(Map.of("client", "a|b")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a|b");
  }

  @Test
  void gatewayAddressDefaultsFromTheDatasetAndParsesOverrides() {
    assertThat(GatewayAddress.forDataset("GLBX.MDP3"))
        .hasToString("glbx-mdp3.lsg.databento.com:13000");
    assertThat(GatewayAddress.parse("127.0.0.1:4000"))
        .isEqualTo(new GatewayAddress("127.0.0.1", 4000));
    assertThat(GatewayAddress.parse("relay.local"))
        .isEqualTo(new GatewayAddress("relay.local", 13000));
    assertThat(GatewayAddress.parse("[::1]:4000")).isEqualTo(new GatewayAddress("::1", 4000));
    assertThat(new GatewayAddress("::1", 4000)).hasToString("[::1]:4000");
    assertThatThrownBy(() -> GatewayAddress.parse("host:port")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> GatewayAddress.parse("host:0")).hasMessageContaining("0");
  }
}
