package dev.pgpipe.sink.buffer;

import org.jspecify.annotations.Nullable;

/** One field of COPY text format: {@code \N} for NULL, backslash, tab and line breaks escaped. */
final class CopyText {

  private CopyText() {}

  static void field(StringBuilder out, @Nullable Object value) {
    if (value == null) {
      out.append("\\N");
      return;
    }
    String text = value.toString();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> out.append(c);
      }
    }
  }
}
