package dev.pgpipe.nats;

import java.nio.charset.StandardCharsets;

/**
 * The subject scheme (see {@code pgpipe-nats/README.md}):
 *
 * <pre>
 *   &lt;prefix&gt;.&lt;source&gt;.&lt;schema&gt;.&lt;table&gt;   a transaction that touched one table only,
 *                                         delivered by the reader in one part; snapshot rows
 *                                         (or the table's mark when it had none)
 *   &lt;prefix&gt;.&lt;source&gt;._tx                  everything else: several tables, logical messages,
 *                                         transactions too large for one reader part
 *   &lt;prefix&gt;_dead.&lt;source&gt;.&lt;consumer&gt;      dead letters of one consumer
 * </pre>
 *
 * <p>The prefix is {@code pgpipe} by default. A source name is letters, digits, {@code _} and
 * {@code -}. Schema and table names are written as one subject token each: letters, digits, {@code
 * _} and {@code -} as they are, every other byte of their UTF-8 form as {@code %XX} (so {@code
 * "Order Lines"} becomes {@code Order%20Lines}); {@link #token(String)} does it. Immutable.
 */
public final class Subjects {

  public static final String DEFAULT_PREFIX = "pgpipe";

  /** The last token of the subject of transactions that are not single-table. */
  public static final String TRANSACTION_TOKEN = "_tx";

  private final String prefix;

  private Subjects(String prefix) {
    if (!prefix.matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
      throw new IllegalArgumentException(
          "subject prefix must be dot-separated tokens of letters, digits, '_' or '-': '"
              + prefix
              + "'");
    }
    this.prefix = prefix;
  }

  public static Subjects of(String prefix) {
    return new Subjects(prefix);
  }

  public static Subjects defaults() {
    return new Subjects(DEFAULT_PREFIX);
  }

  public String prefix() {
    return prefix;
  }

  /** The subject of single-table transactions of {@code schema.table}. */
  public String table(String source, String schema, String table) {
    return prefix + "." + checkSource(source) + "." + token(schema) + "." + token(table);
  }

  /** The subject of every other transaction of the source. */
  public String transaction(String source) {
    return prefix + "." + checkSource(source) + "." + TRANSACTION_TOKEN;
  }

  /** A filter for everything of one source: {@code <prefix>.<source>.>}. */
  public String everything(String source) {
    return prefix + "." + checkSource(source) + ".>";
  }

  /**
   * A filter for the single-table transactions of one schema: {@code <prefix>.<source>.<schema>.*}.
   */
  public String schema(String source, String schema) {
    return prefix + "." + checkSource(source) + "." + token(schema) + ".*";
  }

  /** Where a consumer puts what it could not apply: {@code <prefix>_dead.<source>.<consumer>}. */
  public String deadLetters(String source, String consumer) {
    return prefix + "_dead." + checkSource(source) + "." + checkSource(consumer);
  }

  /** What a dead-letter stream captures: {@code <prefix>_dead.>}. */
  public String allDeadLetters() {
    return prefix + "_dead.>";
  }

  /** What the change-data stream captures: {@code <prefix>.>}. */
  public String all() {
    return prefix + ".>";
  }

  /** A source or consumer name, checked: letters, digits, '_' and '-'. */
  public static String checkSource(String name) {
    if (!name.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(
          "source and consumer names must be letters, digits, '_' or '-': '" + name + "'");
    }
    return name;
  }

  /** A schema or table name as one subject token (see the class comment). */
  public static String token(String name) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty schema or table name");
    }
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean plain =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (plain) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
