package dev.pgpipe.cdc.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@link InstantText} writes and reads exactly what {@link Instant} does, errors included. */
class InstantTextTest {

  private static final long FIRST = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private static List<Instant> instants() {
    List<Instant> all = new ArrayList<>();
    for (long second : new long[] {FIRST - 1, FIRST, -1, 0, 1, 951_782_400, LAST, LAST + 1}) {
      for (int nanos : new int[] {0, 1, 999, 1000, 123_456_000, 100_000_000, 999_999_999}) {
        all.add(Instant.ofEpochSecond(second, nanos));
      }
    }
    all.add(Instant.MIN);
    all.add(Instant.MAX);
    Random random = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      long second = FIRST + Math.floorMod(random.nextLong(), LAST - FIRST + 1);
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1000;
            default -> random.nextInt(1_000_000_000);
          };
      all.add(Instant.ofEpochSecond(second, nanos));
    }
    return all;
  }

  @Test
  void writesWhatInstantWritesAndReadsItBack() {
    for (Instant instant : instants()) {
      String text = InstantText.format(instant);
      assertThat(text).as("%s", instant).isEqualTo(instant.toString());
      assertThat(InstantText.parse(text)).as(text).isEqualTo(instant);
    }
  }

  @Test
  void readsEveryFractionLengthLikeInstant() {
    String digits = "123456789";
    for (int length = 1; length <= 9; length++) {
      String text = "2024-02-29T23:59:59." + digits.substring(0, length) + "Z";
      assertThat(InstantText.parse(text)).as(text).isEqualTo(Instant.parse(text));
    }
  }

  /** Text off the fast path: the same instant as {@link Instant#parse}, or its error. */
  @Test
  void readsOddTextExactlyLikeInstant() {
    for (String text :
        List.of(
            "2016-12-31T23:59:60Z",
            "2024-05-06T24:00:00Z",
            "2024-05-06t07:08:09z",
            "+10000-01-01T00:00:00Z",
            "2024-05-06T07:08:09.Z",
            "2023-02-29T00:00:00Z",
            "2024-13-01T00:00:00Z",
            "2024-00-10T00:00:00Z",
            "2024-04-31T00:00:00Z",
            "2024-05-06T07:60:00Z",
            "2024-05-06T07:08:09.1234567890Z",
            "2024-05-06T07:08:09,5Z",
            "2024-05-06 07:08:09Z",
            "2024-0a-06T07:08:09Z",
            "2024-05-06T07:08:09",
            "yesterday")) {
      assertThat(outcome(() -> InstantText.parse(text)))
          .as(text)
          .isEqualTo(outcome(() -> Instant.parse(text)));
    }
  }

  /** The instant read, or the class and message of the error. */
  private static String outcome(Supplier<Instant> parse) {
    try {
      return parse.get().toString();
    } catch (DateTimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
