package dev.pgpipe.cdc.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link TemporalText#clock} reads a time of day exactly as {@link LocalTime#parse} does. */
class TemporalTextTest {

  @Test
  void readsEveryTimeAndFractionAsPostgresWritesThem() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      LocalTime time = LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
      String seconds =
          String.format(
              java.util.Locale.ROOT,
              "%02d:%02d:%02d",
              time.getHour(),
              time.getMinute(),
              time.getSecond());
      int digits = i % 10;
      String nanos = String.format(java.util.Locale.ROOT, "%09d", time.getNano());
      String clock = seconds + (digits == 0 ? "" : "." + nanos.substring(0, digits));
      assertThat(TemporalText.clock(clock)).as(clock).isEqualTo(LocalTime.parse(clock));
    }
  }

  @Test
  void readsOddTextExactlyLikeLocalTime() {
    for (String text :
        List.of(
            "00:00:00",
            "23:59:59.999999999",
            "24:00:00",
            "13:14",
            "13:14:15.",
            "13:14:15.1234567890",
            "13:60:00",
            "13:14:60",
            "1:14:15",
            "13-14-15",
            "13:14:15,5",
            "ab:cd:ef",
            "13:14:15+01",
            "")) {
      assertThat(outcome(() -> TemporalText.clock(text)))
          .as(text)
          .isEqualTo(outcome(() -> LocalTime.parse(text)));
    }
  }

  @Test
  void readsTimestampsWithOffsets() {
    assertThat(TemporalText.timestampTz("2024-05-06 07:08:09.123456+00"))
        .isEqualTo(java.time.Instant.parse("2024-05-06T07:08:09.123456Z"));
    assertThat(TemporalText.timestampTz("2024-05-06 07:08:09-05:30"))
        .isEqualTo(java.time.Instant.parse("2024-05-06T12:38:09Z"));
    assertThat(TemporalText.timestamp("0044-03-15 12:00:00.5 BC"))
        .isEqualTo(java.time.LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000));
  }

  /** The time read, or the class and message of the error. */
  private static String outcome(Supplier<LocalTime> parse) {
    try {
      return parse.get().toString();
    } catch (DateTimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
