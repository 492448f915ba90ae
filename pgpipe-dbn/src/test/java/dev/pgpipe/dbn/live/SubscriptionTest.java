package dev.pgpipe.dbn.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

  @Test
  void chunks1001SymbolsIntoLinesOf500_500_1WithIsLastOnTheFinalOne() {
    List<String> symbols = IntStream.range(0, 1001).mapToObj(i -> "S" + i).toList();
    List<Map<String, String>> lines =
        Subscription.of(Schema.MBO, SType.RAW_SYMBOL, symbols).lines(3, true).stream()
            .map(ControlLine::fields)
            .toList();

    assertThat(lines)
        .extracting(l -> String.valueOf(l.get("symbols")).split(",").length)
        .containsExactly(500, 500, 1);
    assertThat(lines).extracting(l -> l.get("is_last")).containsExactly("0", "0", "1");
    assertThat(lines)
        .allSatisfy(l -> assertThat(l).containsEntry("id", "3").containsEntry("schema", "mbo"));
    assertThat(lines.get(2).get("symbols")).isEqualTo("S1000");
  }

  @Test
  void encodesOneLineWithSchemaSymbologySnapshotAndNewline() {
    assertThat(
            Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT", "NQ.FUT")
                .withSnapshot()
                .lines(1, true))
        .containsExactly(
            "schema=trades|stype_in=parent|symbols=ES.FUT,NQ.FUT|snapshot=1|id=1|is_last=1\n");
  }

  @Test
  void sendsTheReplayStartInNanosecondsOnlyWhenAsked() {
    Subscription replay =
        Subscription.of(Schema.MBP_1, SType.RAW_SYMBOL, "ESH6")
            .withStart(Instant.ofEpochSecond(1_700_000_000, 123));
    assertThat(ControlLine.fields(replay.lines(1, true).get(0)))
        .containsEntry("start", "1700000000000000123")
        .containsEntry("schema", "mbp-1");
    assertThat(ControlLine.fields(replay.lines(1, false).get(0))).doesNotContainKey("start");
  }

  @Test
  void rejectsSnapshotWithStartAndBadSymbols() {
    Subscription trades = Subscription.of(Schema.TRADES, SType.PARENT, "ES.FUT");
    assertThatThrownBy(() -> trades.withStart(Instant.EPOCH).withSnapshot())
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> Subscription.of(Schema.TRADES, SType.PARENT, List.of()))
        .hasMessageContaining("at least one");
    assertThatThrownBy(() -> Subscription.of(Schema.TRADES, SType.PARENT, "A|B"))
        .hasMessageContaining("A|B");
  }

  @Test
  void backoffDoublesUpToItsCap() {
    ReconnectPolicy policy =
        ReconnectPolicy.backoff(Duration.ofMillis(100), Duration.ofMillis(500), 10);
    assertThat(IntStream.rangeClosed(1, 5).mapToObj(policy::delayAfter))
        .containsExactly(
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofMillis(400),
            Duration.ofMillis(500),
            Duration.ofMillis(500));
    assertThat(ReconnectPolicy.reconnect().delayAfter(1000)).isEqualTo(Duration.ofSeconds(60));
    assertThatThrownBy(() -> policy.delayAfter(0)).hasMessageContaining("0");
  }
}
