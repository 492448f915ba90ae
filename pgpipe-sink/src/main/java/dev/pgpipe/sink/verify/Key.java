package dev.pgpipe.sink.verify;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The primary key of one row: each key column's value in PostgreSQL's text form, in key order.
 * {@link #toString()} prints a one-column key as its value ({@code 42}) and a composite key as a
 * row ({@code (7,"a b")}), quoting values the way PostgreSQL's record output does.
 */
public record Key(List<String> values) {

  private static final Pattern PLAIN = Pattern.compile("[^\\s,()\"\\\\]+");

  public Key {
    values = List.copyOf(values);
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a key has at least one column");
    }
  }

  public static Key of(String... values) {
    return new Key(List.of(values));
  }

  @Override
  public String toString() {
    if (values.size() == 1) {
      return values.getFirst();
    }
    StringBuilder text = new StringBuilder("(");
    for (String value : values) {
      text.append(text.length() > 1 ? "," : "");
      text.append(
          PLAIN.matcher(value).matches()
              ? value
              : '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
    }
    return text.append(')').toString();
  }
}
