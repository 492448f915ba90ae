package dev.pgpipe.copy.codec;

import static dev.pgpipe.copy.codec.Literals.quote;
import static dev.pgpipe.copy.codec.Literals.typed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

/** Edge and random values of every type, each with a literal PostgreSQL evaluates on its own. */
final class OracleSamples {

  static final List<String> MOODS = List.of("sad", "ok", "happy", "très bien");
  private static final int RANDOM = 40;

  private final Random random;

  OracleSamples(long seed) {
    this.random = new Random(seed);
  }

  List<Sample> of(PgType type) {
    String t = type.formatType();
    List<Sample> samples = new ArrayList<>(edges(type, t));
    for (int i = 0; i < RANDOM; i++) {
      samples.add(randomSample(type, t));
    }
    return samples;
  }

  private List<Sample> edges(PgType type, String t) {
    return switch (type.kind()) {
      case BOOL -> List.of(Sample.of(true, "true"), Sample.of(false, "false"));
      case INT2 -> ints(t, Short.MIN_VALUE, Short.MAX_VALUE, (short) 0);
      case INT4 -> ints(t, Integer.MIN_VALUE, Integer.MAX_VALUE, 0);
      case INT8 -> ints(t, Long.MIN_VALUE, Long.MAX_VALUE, 0L);
      case FLOAT4 -> floats(t, Float.NaN, Float.POSITIVE_INFINITY, -0.0f, Float.MIN_VALUE);
      case FLOAT8 -> floats(t, Double.NaN, Double.NEGATIVE_INFINITY, -0.0, Double.MAX_VALUE);
      case NUMERIC -> NumericSamples.edges(type);
      case DATE ->
          List.of(
              date(t, LocalDate.MAX), date(t, LocalDate.MIN), date(t, LocalDate.of(-4712, 11, 24)));
      case TIMESTAMPTZ ->
          List.of(
              instant(t, Instant.MAX),
              instant(t, Instant.MIN),
              new Sample(
                  OffsetDateTime.of(2024, 3, 1, 12, 0, 0, 0, ZoneOffset.ofHours(5)),
                  typed("2024-03-01 07:00:00+00", t),
                  Instant.parse("2024-03-01T07:00:00Z")));
      case TIMESTAMP -> List.of(timestamp(t, LocalDateTime.MAX), timestamp(t, LocalDateTime.MIN));
      case INTERVAL ->
          List.of(
              new Sample(
                  Duration.ofHours(-30).plusNanos(1500),
                  typed("-29:59:59.999999", t),
                  new PgInterval(0, 0, -107_999_999_999L)));
      case TEXT, VARCHAR -> List.of(text(t, ""), text(t, "it's \\ \"quoted\" 😀"));
      case BPCHAR -> List.of(text(type, t, "a"));
      default -> List.of();
    };
  }

  private Sample randomSample(PgType type, String t) {
    return switch (type.kind()) {
      case BOOL -> bool();
      case INT2 -> int2(t);
      case INT4 -> intSample(random.nextInt(), t);
      case INT8 -> intSample(random.nextLong() >> random.nextInt(64), t);
      case FLOAT4 -> floatSample(Float.intBitsToFloat(random.nextInt()), t);
      case FLOAT8 -> floatSample(Double.longBitsToDouble(random.nextLong()), t);
      case NUMERIC -> NumericSamples.random(type, random);
      case TEXT, JSON -> type.kind() == PgKind.JSON ? json(t) : text(t, string(30));
      case VARCHAR, BPCHAR -> text(type, t, string(type.length() < 0 ? 30 : type.length()));
      case NAME -> text(t, ascii(1 + random.nextInt(63)));
      case CHAR -> charSample(t);
      case BYTEA -> bytea();
      case UUID -> uuid(t);
      default -> TemporalSamples.random(type, t, random, this::ascii);
    };
  }

  private Sample bool() {
    boolean value = random.nextBoolean();
    return Sample.of(value, String.valueOf(value));
  }

  private static <N extends Number> List<Sample> ints(String t, N min, N max, N zero) {
    return List.of(intSample(min, t), intSample(max, t), intSample(zero, t));
  }

  private static Sample intSample(Number value, String t) {
    return Sample.of(value, typed(value.toString(), t));
  }

  private Sample int2(String t) {
    return intSample((short) random.nextInt(), t);
  }

  private static List<Sample> floats(String t, Number... values) {
    List<Sample> samples = new ArrayList<>();
    for (Number value : values) {
      samples.add(floatSample(value, t));
    }
    return samples;
  }

  private static Sample floatSample(Number value, String t) {
    return Sample.of(value, typed(value.toString(), t));
  }

  private static Sample date(String t, LocalDate date) {
    return Sample.of(date, typed(Literals.date(date), t));
  }

  private static Sample instant(String t, Instant instant) {
    return Sample.of(instant, typed(Literals.timestamptz(instant), t));
  }

  private static Sample timestamp(String t, LocalDateTime time) {
    return Sample.of(time, typed(Literals.timestamp(time), t));
  }

  private static Sample text(String t, String text) {
    return Sample.of(text, typed(text, t));
  }

  private static Sample text(PgType type, String t, String text) {
    String padded =
        type.kind() == PgKind.BPCHAR && type.length() > 0
            ? text + " ".repeat(type.length() - text.codePointCount(0, text.length()))
            : text;
    return new Sample(text, typed(text, t), padded);
  }

  String string(int maxCodePoints) {
    int[] alphabet = {'a', 'Z', '7', ' ', '\'', '\\', 'é', 'ß', '€', '中', 0x1F600, '"', '\t'};
    int length = random.nextInt(maxCodePoints + 1);
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
    }
    return text.toString().stripTrailing();
  }

  String ascii(int length) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < length; i++) {
      text.append((char) ('a' + random.nextInt(26)));
    }
    return text.toString();
  }

  private Sample json(String t) {
    String text = "{\"k\":  [" + random.nextInt() + ", \"" + ascii(5) + "\"], \"n\" : null}";
    return Sample.of(text, typed(text, t));
  }

  private Sample charSample(String t) {
    char c = (char) (33 + random.nextInt(94));
    return Sample.of(c, typed(String.valueOf(c), t));
  }

  private Sample bytea() {
    byte[] bytes = new byte[random.nextInt(40)];
    random.nextBytes(bytes);
    return Sample.of(bytes, Literals.bytea(bytes));
  }

  private Sample uuid(String t) {
    UUID uuid = new UUID(random.nextLong(), random.nextLong());
    return Sample.of(uuid, typed(uuid.toString(), t));
  }

  static InetAddress address(byte[] bytes) {
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  static BigDecimal scaled(BigInteger unscaled, int scale) {
    return new BigDecimal(unscaled, scale).setScale(Math.max(scale, 0), RoundingMode.UNNECESSARY);
  }

  static String q(String text) {
    return quote(text);
  }

  static <T> T pick(Random random, List<Supplier<T>> choices) {
    return choices.get(random.nextInt(choices.size())).get();
  }
}
