package dev.pgpipe.copy.codec;

/**
 * The numeric values a {@link java.math.BigDecimal} cannot hold. ±Infinity needs PostgreSQL 14+ and
 * an unconstrained {@code numeric}; NaN fits any numeric column.
 */
public enum NumericSpecial {
  NAN(0xC000),
  POSITIVE_INFINITY(0xD000),
  NEGATIVE_INFINITY(0xF000);

  private final int sign;

  NumericSpecial(int sign) {
    this.sign = sign;
  }

  /** The sign word that marks it on the wire. */
  int sign() {
    return sign;
  }
}
