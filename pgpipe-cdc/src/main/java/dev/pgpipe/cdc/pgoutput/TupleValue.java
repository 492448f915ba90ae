package dev.pgpipe.cdc.pgoutput;

import java.nio.charset.StandardCharsets;

/**
 * One column of a pgoutput tuple: {@code 'n'} null, {@code 'u'} an unchanged TOAST value that was
 * not sent, {@code 't'} text, {@code 'b'} binary (with the {@code binary} option).
 */
public sealed interface TupleValue {

  /** SQL NULL. */
  enum Null implements TupleValue {
    INSTANCE
  }

  /** A TOASTed value the update did not change; the server did not send it. Never NULL. */
  enum Unchanged implements TupleValue {
    INSTANCE
  }

  /** The value in the type's text output format, as UTF-8 bytes. */
  record Text(byte[] bytes) implements TupleValue {
    public String text() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Text t && java.util.Arrays.equals(bytes, t.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Text[" + text() + "]";
    }
  }

  /** The value in the type's binary send format. */
  record Binary(byte[] bytes) implements TupleValue {
    @Override
    public boolean equals(Object other) {
      return other instanceof Binary b && java.util.Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "Binary[" + bytes.length + " bytes]";
    }
  }
}
