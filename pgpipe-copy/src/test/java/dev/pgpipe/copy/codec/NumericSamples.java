package dev.pgpipe.copy.codec;

import static dev.pgpipe.copy.codec.Literals.typed;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** numeric oracle values: the shapes other libraries got wrong, and random ones. */
final class NumericSamples {

  private NumericSamples() {}

  static List<Sample> edges(PgType type) {
    String t = type.formatType();
    List<Sample> samples = new ArrayList<>();
    samples.add(new Sample(NumericSpecial.NAN, typed("NaN", t), NumericSpecial.NAN));
    List<String> texts =
        type.precision() < 0
            ? List.of(
                "0",
                "0.00",
                "1.5",
                "-1.5",
                "0.0001",
                "-0.00001",
                "9999.9999",
                "10000",
                "999999999999999999999999999999999999",
                "1000000000000000000000000000000000000",
                "1E+5",
                "123456789.000000001",
                "-0.1",
                "1E-20")
            : List.of("0", "1.5", "-1.5", "123456789.123456789", "-999999999.999999999", "1E-9");
    for (String text : texts) {
      samples.add(sample(type, new BigDecimal(text)));
    }
    if (type.precision() < 0) {
      samples.add(
          new Sample(
              NumericSpecial.POSITIVE_INFINITY,
              typed("Infinity", t),
              NumericSpecial.POSITIVE_INFINITY));
      samples.add(
          new Sample(
              NumericSpecial.NEGATIVE_INFINITY,
              typed("-Infinity", t),
              NumericSpecial.NEGATIVE_INFINITY));
    }
    return samples;
  }

  static Sample random(PgType type, Random random) {
    if (type.precision() >= 0) {
      long unscaled = random.nextLong() % 1_000_000_000_000_000_000L;
      return sample(type, BigDecimal.valueOf(unscaled, type.scale()));
    }
    BigInteger unscaled = new BigInteger(1 + random.nextInt(130), random);
    if (random.nextBoolean()) {
      unscaled = unscaled.negate();
    }
    return sample(type, new BigDecimal(unscaled, random.nextInt(41) - 10));
  }

  private static Sample sample(PgType type, BigDecimal value) {
    BigDecimal expected =
        type.precision() >= 0
            ? value.setScale(type.scale(), RoundingMode.HALF_UP)
            : value.setScale(Math.max(value.scale(), 0), RoundingMode.UNNECESSARY);
    return new Sample(value, typed(value.toPlainString(), type.formatType()), expected);
  }
}
