package dev.pgpipe.copy.codec;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * text, varchar(n), char(n), name, json, jsonb and enums: UTF-8 text, checked on the client.
 *
 * <pre>
 * text, varchar, bpchar, name, json, enum   the UTF-8 bytes (no length prefix, no NUL)
 * jsonb                                     0x01 (format version), then the JSON text
 * </pre>
 *
 * varchar(n) refuses more than n characters; char(n) refuses more and pads fewer with spaces, as
 * the server stores them; name refuses more than 63 bytes (the server would truncate silently); an
 * enum refuses a label the catalog does not list. JSON text is not parsed on the client.
 *
 * @param labels the enum's labels, or empty for other kinds (and to skip the check)
 */
record TextCodec(PgType type, Set<String> labels) implements Codec {

  private static final int NAME_MAX_BYTES = 63;
  private static final int JSONB_VERSION = 1;

  TextCodec {
    labels = Set.copyOf(labels);
  }

  @Override
  public void encode(Object value, WireBuffer out) {
    if (!(value instanceof CharSequence text)) {
      throw new ValueRejectedException(type + " (String)", value.getClass().getSimpleName());
    }
    switch (type.kind()) {
      case JSONB -> {
        out.putByte(JSONB_VERSION);
        out.putUtf8(text);
      }
      case VARCHAR -> checkLength(out.putUtf8(text));
      case BPCHAR -> pad(out, out.putUtf8(text));
      case NAME -> {
        int start = out.size();
        out.putUtf8(text);
        if (out.size() - start > NAME_MAX_BYTES) {
          throw new ValueRejectedException(
              "name of at most 63 bytes", (out.size() - start) + " bytes");
        }
      }
      case ENUM -> {
        if (!labels.isEmpty() && !labels.contains(text.toString())) {
          throw new ValueRejectedException(
              "a label of enum " + type.enumName() + " " + labels, "'" + text + "'");
        }
        out.putUtf8(text);
      }
      default -> out.putUtf8(text);
    }
  }

  private void checkLength(int characters) {
    if (type.length() >= 0 && characters > type.length()) {
      throw new ValueRejectedException(
          type + " (at most " + type.length() + " characters)", characters + " characters");
    }
  }

  private void pad(WireBuffer out, int characters) {
    checkLength(characters);
    for (int i = characters; i < type.length(); i++) {
      out.putByte(' ');
    }
  }

  @Override
  public Object decode(byte[] bytes, int offset, int length) {
    if (type.kind() == PgKind.JSONB) {
      if (length < 1 || bytes[offset] != JSONB_VERSION) {
        throw new CopyFormatException("jsonb must start with version byte 1", offset);
      }
      return new String(bytes, offset + 1, length - 1, StandardCharsets.UTF_8);
    }
    return new String(bytes, offset, length, StandardCharsets.UTF_8);
  }

  @Override
  public String accepts() {
    return "String";
  }
}
