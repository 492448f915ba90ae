package dev.pgpipe.cdc.value;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's array text: {@code {1,2,NULL}}, {@code {{1,2},{3,4}}}, {@code {"a b","x\"y"}}, with
 * an optional bounds decoration {@code [0:1]=} (dropped). Elements become a list, nested for each
 * dimension; unquoted {@code NULL} is null. Only the comma delimiter is supported (every type but
 * {@code box}).
 */
final class ArrayText {

  private final String text;
  private final Function<String, Object> element;
  private int position;

  private ArrayText(String text, Function<String, Object> element) {
    this.text = text;
    this.element = element;
  }

  static List<@Nullable Object> parse(String text, Function<String, Object> element) {
    ArrayText parser = new ArrayText(text, element);
    if (text.startsWith("[")) {
      int equals = text.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("array bounds without '='");
      }
      parser.position = equals + 1;
    }
    List<@Nullable Object> result = parser.list();
    if (parser.position != text.length()) {
      throw new IllegalArgumentException("trailing text at " + parser.position);
    }
    return result;
  }

  private List<@Nullable Object> list() {
    expect('{');
    List<@Nullable Object> items = new ArrayList<>();
    if (peek() == '}') {
      position++;
      return Collections.unmodifiableList(items);
    }
    while (true) {
      items.add(peek() == '{' ? list() : item());
      char next = text.charAt(position++);
      if (next == '}') {
        return Collections.unmodifiableList(items);
      }
      if (next != ',') {
        throw new IllegalArgumentException("expected ',' or '}' at " + (position - 1));
      }
    }
  }

  private @Nullable Object item() {
    if (peek() == '"') {
      return element.apply(quoted());
    }
    int start = position;
    while (peek() != ',' && peek() != '}') {
      position++;
    }
    String raw = text.substring(start, position);
    return raw.equalsIgnoreCase("NULL") ? null : element.apply(raw);
  }

  private String quoted() {
    position++;
    StringBuilder value = new StringBuilder();
    while (true) {
      char c = text.charAt(position++);
      if (c == '"') {
        return value.toString();
      }
      value.append(c == '\\' ? text.charAt(position++) : c);
    }
  }

  private char peek() {
    if (position >= text.length()) {
      throw new IllegalArgumentException("unterminated array");
    }
    return text.charAt(position);
  }

  private void expect(char wanted) {
    if (peek() != wanted) {
      throw new IllegalArgumentException("expected '" + wanted + "' at " + position);
    }
    position++;
  }
}
