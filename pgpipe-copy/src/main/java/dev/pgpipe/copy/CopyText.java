package dev.pgpipe.copy;

import org.jspecify.annotations.Nullable;

/**
 * One field of COPY's text format (PostgreSQL docs, {@code sql-copy.html}, "Text Format"), for the
 * few places that still load text instead of binary: values whose column type has no codec, and
 * rows of text and JSON.
 *
 * <pre>
 * field      the value's text with \ → \\, newline → \n, return → \r, tab → \t
 * NULL       \N
 * row        fields separated by a tab, ended by a newline
 * </pre>
 *
 * The server then runs the column type's own input function on the unescaped text. The one
 * COPY-text escaper of pgpipe; pure and thread-safe.
 */
public final class CopyText {

  private CopyText() {}

  /** Appends {@code text} as one field, escaped; null appends {@code \N}. */
  public static void appendField(StringBuilder out, @Nullable CharSequence text) {
    if (text == null) {
      out.append("\\N");
      return;
    }
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
