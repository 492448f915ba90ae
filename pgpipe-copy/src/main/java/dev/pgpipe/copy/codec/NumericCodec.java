package dev.pgpipe.copy.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * numeric, with or without (precision, scale).
 *
 * <pre>
 * int16 ndigits | int16 weight | int16 sign | int16 dscale | ndigits x int16 digit (base 10000)
 * sign: 0x0000 positive, 0x4000 negative, 0xC000 NaN, 0xD000 +Infinity, 0xF000 -Infinity
 * value = sum(digit[i] * 10000^(weight - i)); digits align on the decimal point, leading and
 * trailing zero digits are not sent; dscale = digits shown after the point (0..0x3FFF)
 * </pre>
 *
 * Accepts {@link BigDecimal}, {@link NumericSpecial} and Double (finite ones exactly as {@link
 * BigDecimal#valueOf(double)} prints them). For numeric(p,s) a value is rounded half away from zero
 * to s digits, as the server would, and refused when it then needs more than p digits; ±Infinity is
 * refused there too (the server has no room for it).
 */
record NumericCodec(PgType type) implements Codec {

  private static final int POSITIVE = 0x0000;
  private static final int NEGATIVE = 0x4000;
  private static final int MAX_DSCALE = 0x3FFF;
  private static final int MAX_WEIGHT = 32767;

  @Override
  public void encode(Object value, WireBuffer out) {
    switch (value) {
      case BigDecimal decimal -> encodeDecimal(constrain(decimal), out);
      case NumericSpecial special -> encodeSpecial(special, out);
      case Double d when Double.isNaN(d) -> encodeSpecial(NumericSpecial.NAN, out);
      case Double d when Double.isInfinite(d) ->
          encodeSpecial(
              d > 0 ? NumericSpecial.POSITIVE_INFINITY : NumericSpecial.NEGATIVE_INFINITY, out);
      case Double d -> encodeDecimal(constrain(BigDecimal.valueOf(d)), out);
      default ->
          throw new ValueRejectedException(
              type + " (" + accepts() + ")", value.getClass().getSimpleName());
    }
  }

  private void encodeSpecial(NumericSpecial special, WireBuffer out) {
    if (special != NumericSpecial.NAN && type.precision() >= 0) {
      throw new ValueRejectedException(
          type + " (finite or NaN: only unconstrained numeric holds infinity)", special.name());
    }
    out.putShort(0);
    out.putShort(0);
    out.putShort(special.sign());
    // The server ignores dscale here; it sends what its short header's dscale bits read for the
    // sign (0 for NaN, 32 for ±Infinity), and so do we, byte for byte.
    out.putShort((special.sign() & 0x1F80) >> 7);
  }

  private BigDecimal constrain(BigDecimal value) {
    if (type.precision() < 0) {
      return value;
    }
    BigDecimal rounded = value.setScale(type.scale(), RoundingMode.HALF_UP);
    int integerDigits = rounded.precision() - rounded.scale();
    if (rounded.signum() != 0 && integerDigits > type.precision() - type.scale()) {
      throw new ValueRejectedException(
          type + " (absolute value below 10^" + (type.precision() - type.scale()) + ")",
          value.toPlainString());
    }
    return rounded;
  }

  private void encodeDecimal(BigDecimal value, WireBuffer out) {
    int dscale = Math.max(value.scale(), 0);
    if (dscale > MAX_DSCALE) {
      throw new ValueRejectedException(
          "numeric with at most 16383 digits after the point", "scale " + value.scale());
    }
    String unscaled = value.unscaledValue().abs().toString();
    int scale = value.scale();
    String digits = scale < 0 ? unscaled + "0".repeat(-scale) : unscaled;
    int fraction = Math.max(scale, 0);
    int integerLength = digits.length() - fraction;
    String integerPart = integerLength > 0 ? digits.substring(0, integerLength) : "";
    String fractionPart =
        integerLength > 0 ? digits.substring(integerLength) : "0".repeat(-integerLength) + digits;
    int integerGroups = (integerPart.length() + 3) / 4;
    int fractionGroups = (fractionPart.length() + 3) / 4;
    short[] groups = new short[integerGroups + fractionGroups];
    String paddedInteger = "0".repeat(integerGroups * 4 - integerPart.length()) + integerPart;
    String paddedFraction = fractionPart + "0".repeat(fractionGroups * 4 - fractionPart.length());
    String all = paddedInteger + paddedFraction;
    for (int i = 0; i < groups.length; i++) {
      groups[i] = Short.parseShort(all.substring(i * 4, i * 4 + 4));
    }
    writeGroups(groups, integerGroups - 1, value.signum() < 0 ? NEGATIVE : POSITIVE, dscale, out);
  }

  private static void writeGroups(
      short[] groups, int weight, int sign, int dscale, WireBuffer out) {
    int first = 0;
    int last = groups.length;
    while (first < last && groups[first] == 0) {
      first++;
      weight--;
    }
    while (last > first && groups[last - 1] == 0) {
      last--;
    }
    if (first == last) {
      weight = 0;
      sign = POSITIVE;
    }
    if (weight > MAX_WEIGHT) {
      throw new ValueRejectedException("numeric below 10^131072", "weight " + weight);
    }
    out.putShort(last - first);
    out.putShort(weight);
    out.putShort(sign);
    out.putShort(dscale);
    for (int i = first; i < last; i++) {
      out.putShort(groups[i]);
    }
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    Read.remaining("numeric header", offset, 8, offset + length);
    int ndigits = Read.int16(bytes, offset);
    int weight = Read.int16(bytes, offset + 2);
    int sign = Read.int16(bytes, offset + 4) & 0xFFFF;
    int dscale = Read.int16(bytes, offset + 6);
    for (NumericSpecial special : NumericSpecial.values()) {
      if (sign == special.sign()) {
        return special;
      }
    }
    if ((sign != POSITIVE && sign != NEGATIVE) || ndigits < 0 || dscale < 0) {
      throw new CopyFormatException(
          "bad numeric header (sign 0x" + Integer.toHexString(sign) + ")", offset);
    }
    Read.width("numeric with " + ndigits + " digits", length, 8 + 2 * ndigits, offset);
    StringBuilder text = new StringBuilder(ndigits * 4 + 1);
    for (int i = 0; i < ndigits; i++) {
      int digit = Read.int16(bytes, offset + 8 + 2 * i);
      if (digit < 0 || digit >= 10_000) {
        throw new CopyFormatException("numeric digit out of range: " + digit, offset + 8 + 2 * i);
      }
      String group = Integer.toString(digit);
      text.append("0".repeat(4 - group.length())).append(group);
    }
    BigInteger unscaled = ndigits == 0 ? BigInteger.ZERO : new BigInteger(text.toString());
    BigDecimal value = new BigDecimal(unscaled, -4 * (weight - ndigits + 1));
    value = value.setScale(dscale, RoundingMode.DOWN);
    return sign == NEGATIVE ? value.negate() : value;
  }

  @Override
  public String accepts() {
    return "BigDecimal, NumericSpecial or Double";
  }
}
