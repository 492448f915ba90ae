package dev.pgpipe.copy.codec;

import static dev.pgpipe.copy.codec.Literals.typed;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;

/** Random time, network, JSON and enum oracle values. */
final class TemporalSamples {

  private static final List<String> JSONB =
      List.of(
          "{\"a\": 1, \"bb\": [1, 2.5, \"x\"]}",
          "[true, false, null]",
          "\"text with é\"",
          "12345678901234567890",
          "{\"a\": {\"b\": {}}, \"cc\": []}");

  private TemporalSamples() {}

  static Sample random(PgType type, String t, Random random, IntFunction<String> ascii) {
    return switch (type.kind()) {
      case DATE -> {
        LocalDate date = LocalDate.ofEpochDay(random.nextInt(5_000_000) - 2_000_000);
        yield Sample.of(date, typed(Literals.date(date), t));
      }
      case TIME -> {
        LocalTime time = time(random);
        yield Sample.of(time, typed(Literals.time(time), t));
      }
      case TIMETZ -> {
        ZoneOffset zone = ZoneOffset.ofTotalSeconds(random.nextInt(28 * 3600) - 14 * 3600);
        OffsetTime time = OffsetTime.of(time(random), zone);
        yield Sample.of(time, typed(Literals.timetz(time), t));
      }
      case TIMESTAMP -> {
        LocalDateTime time = LocalDateTime.ofInstant(instant(random), ZoneOffset.UTC);
        yield Sample.of(time, typed(Literals.timestamp(time), t));
      }
      case TIMESTAMPTZ -> {
        Instant instant = instant(random);
        yield Sample.of(instant, typed(Literals.timestamptz(instant), t));
      }
      case INTERVAL -> {
        PgInterval interval =
            new PgInterval(
                random.nextInt(2000) - 1000,
                random.nextInt(2000) - 1000,
                random.nextLong() % 1_000_000_000_000_000L);
        yield Sample.of(interval, typed(Literals.interval(interval), t));
      }
      default -> other(type, t, random, ascii);
    };
  }

  private static Sample other(PgType type, String t, Random random, IntFunction<String> ascii) {
    return switch (type.kind()) {
      case JSONB -> {
        String text = JSONB.get(random.nextInt(JSONB.size()));
        yield Sample.of(text, typed(text, t));
      }
      case INET, CIDR -> inet(type, t, random);
      case ENUM -> {
        String label = OracleSamples.MOODS.get(random.nextInt(OracleSamples.MOODS.size()));
        yield Sample.of(label, typed(label, t));
      }
      default -> throw new IllegalArgumentException("no samples for " + type + ascii.apply(0));
    };
  }

  private static Sample inet(PgType type, String t, Random random) {
    byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
    random.nextBytes(bytes);
    if (bytes.length == 16 && bytes[0] == 0) {
      bytes[0] = 0x20; // keep clear of IPv4-mapped forms
    }
    int bits = random.nextInt(bytes.length * 8 + 1);
    if (type.kind() == PgKind.CIDR) {
      for (int bit = bits; bit < bytes.length * 8; bit++) {
        bytes[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
      }
    }
    PgInet inet = new PgInet(OracleSamples.address(bytes), bits);
    return Sample.of(inet, typed(inet.toString(), t));
  }

  private static LocalTime time(Random random) {
    return LocalTime.ofNanoOfDay((random.nextLong(86_400_000_000L)) * 1000);
  }

  private static Instant instant(Random random) {
    long seconds = random.nextLong(-60_000_000_000L, 250_000_000_000L);
    return Instant.ofEpochSecond(seconds, random.nextInt(1_000_000) * 1000L);
  }
}
