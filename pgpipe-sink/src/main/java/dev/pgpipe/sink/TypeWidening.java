package dev.pgpipe.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which type changes a target can follow without losing or changing a value (the safe list of
 * {@code cdc-schema-changes.md}, section 6), on types as {@code format_type} prints them: {@code
 * smallint → integer → bigint}; integers to {@code numeric} with enough digits or unconstrained,
 * and {@code smallint}/{@code integer} to {@code double precision}; {@code real → double
 * precision}; {@code numeric(p,s) → numeric(p',s')} with {@code s' ≥ s} and {@code p'−s' ≥ p−s}, or
 * unconstrained; {@code character varying(n)} to a longer one, unbounded or {@code text}; {@code
 * bit varying(n)} to a longer or unbounded one; time, timestamp and interval precision up or
 * removed; each of these for array elements too. Everything else (a narrowing, {@code timestamp ↔
 * timestamptz}, {@code char(n) → text}, {@code json → jsonb}, cross-kind changes) is not a
 * widening. Pure.
 */
final class TypeWidening {

  private static final Pattern MODIFIERS = Pattern.compile("\\(([0-9, ]+)\\)");

  /** Integer types to the decimal digits they need. */
  private static final Map<String, Integer> DIGITS =
      Map.of("smallint", 5, "integer", 10, "bigint", 19);

  private static final Set<String> PRECISION =
      Set.of(
          "time without time zone",
          "time with time zone",
          "timestamp without time zone",
          "timestamp with time zone",
          "interval");

  private TypeWidening() {}

  /** A type split into its name without modifiers, its modifiers, and whether it is an array. */
  private record Parsed(String base, List<Integer> modifiers, boolean array) {

    static Parsed of(String type) {
      String text = type.strip();
      boolean array = text.endsWith("[]");
      if (array) {
        text = text.substring(0, text.length() - 2);
      }
      List<Integer> modifiers = new ArrayList<>();
      Matcher m = MODIFIERS.matcher(text);
      if (m.find()) {
        for (String part : m.group(1).split(",")) {
          modifiers.add(Integer.parseInt(part.strip()));
        }
        text = (text.substring(0, m.start()) + text.substring(m.end())).replace("  ", " ").strip();
      }
      return new Parsed(text, List.copyOf(modifiers), array);
    }
  }

  /** Whether every value of type {@code from} is the same value in type {@code to}. */
  static boolean widens(String from, String to) {
    if (from.equals(to)) {
      return true;
    }
    Parsed a = Parsed.of(from);
    Parsed b = Parsed.of(to);
    if (a.array() != b.array()) {
      return false;
    }
    return a.base().equals(b.base()) ? sameBase(a, b) : crossBase(a, b);
  }

  private static boolean sameBase(Parsed a, Parsed b) {
    switch (a.base()) {
      case "character varying", "bit varying" -> {
        return b.modifiers().isEmpty()
            || (!a.modifiers().isEmpty() && b.modifiers().get(0) >= a.modifiers().get(0));
      }
      case "numeric" -> {
        return b.modifiers().isEmpty() || (!a.modifiers().isEmpty() && numeric(a, b));
      }
      default -> {
        if (!PRECISION.contains(a.base())) {
          return false;
        }
        int from = a.modifiers().isEmpty() ? 6 : a.modifiers().get(0);
        int to = b.modifiers().isEmpty() ? 6 : b.modifiers().get(0);
        return to >= from;
      }
    }
  }

  private static boolean numeric(Parsed a, Parsed b) {
    int p = a.modifiers().get(0);
    int s = a.modifiers().size() > 1 ? a.modifiers().get(1) : 0;
    int p2 = b.modifiers().get(0);
    int s2 = b.modifiers().size() > 1 ? b.modifiers().get(1) : 0;
    return s2 >= s && p2 - s2 >= p - s;
  }

  private static boolean crossBase(Parsed a, Parsed b) {
    Integer digits = DIGITS.get(a.base());
    if (digits != null) {
      Integer wider = DIGITS.get(b.base());
      if (wider != null) {
        return wider > digits;
      }
      if (b.base().equals("numeric")) {
        return b.modifiers().isEmpty() || integerDigits(b) >= digits;
      }
      return b.base().equals("double precision") && digits <= 10;
    }
    return switch (a.base()) {
      case "real" -> b.base().equals("double precision");
      case "character varying" -> b.base().equals("text");
      default -> false;
    };
  }

  private static int integerDigits(Parsed numeric) {
    int p = numeric.modifiers().get(0);
    int s = numeric.modifiers().size() > 1 ? numeric.modifiers().get(1) : 0;
    return p - s;
  }
}
