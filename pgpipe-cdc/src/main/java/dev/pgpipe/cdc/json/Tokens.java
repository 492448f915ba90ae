package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * How the envelope readers take the values of a streaming parser: each reader walks the fields of
 * an object in any order ({@link #fields}), and after each field the parser stands on the field's
 * last token whatever its value was, so a value of an unexpected shape can never cut the object
 * short. Errors are {@link EnvelopeException}s that name the field.
 */
final class Tokens {

  private Tokens() {}

  /** Reads one field's value; the parser stands on its first token. */
  @FunctionalInterface
  interface Field {
    void read(String name, JsonParser in) throws IOException;
  }

  /** Reads one element of an array: an object, whose START_OBJECT is the current token. */
  @FunctionalInterface
  interface Element {
    void read(int index, JsonParser in) throws IOException;
  }

  /**
   * Hands each field of the object whose START_OBJECT is the current token to {@code field}, then
   * skips whatever of its value the field left unread, and ends on the object's END_OBJECT.
   */
  static void fields(JsonParser in, Field field) throws IOException {
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      in.nextToken();
      field.read(name, in);
      in.skipChildren();
    }
    if (in.currentToken() != JsonToken.END_OBJECT) {
      throw new EnvelopeException("an object ends with " + in.currentToken() + ", not '}'");
    }
  }

  /**
   * Hands each element of the array value of {@code field} to {@code element}; null stands for no
   * elements. Throws when the value is something else or has an element that is not an object.
   */
  static void objects(JsonParser in, String field, Element element) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw new EnvelopeException("field '" + field + "' is not an array");
    }
    for (int index = 0; in.nextToken() != JsonToken.END_ARRAY; index++) {
      if (in.currentToken() != JsonToken.START_OBJECT) {
        throw new EnvelopeException(
            "element " + index + " of '" + field + "' is not an object: " + shown(in));
      }
      element.read(index, in);
    }
  }

  /** The value of {@code field}: its text, or null for JSON null; throws for anything else. */
  static @Nullable String text(JsonParser in, String field) throws IOException {
    JsonToken token = in.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return in.getText();
    }
    if (token == JsonToken.VALUE_NULL) {
      return null;
    }
    throw new EnvelopeException("field '" + field + "' is not text: " + shown(in));
  }

  /** JSON that is not well formed, with where the parser stopped. */
  static EnvelopeException notJson(JsonProcessingException e) {
    return new EnvelopeException("not JSON: " + e.getOriginalMessage() + where(e.getLocation()), e);
  }

  /**
   * Where in the input: the line, and the column in text, or the byte offset (from 0) in bytes
   * (such as a JetStream message's payload), where a column would count bytes, not characters.
   */
  private static String where(@Nullable JsonLocation location) {
    if (location == null) {
      return "";
    }
    return location.getByteOffset() >= 0
        ? " (line " + location.getLineNr() + ", byte offset " + location.getByteOffset() + ")"
        : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** {@code e}'s message, prefixed with where it happened (an element of an array). */
  static EnvelopeException at(String where, RuntimeException e) {
    return new EnvelopeException(where + ": " + e.getMessage(), e);
  }

  /** The value's text if it is a string, else null (a field that may hold anything). */
  static @Nullable String optionalText(JsonParser in) throws IOException {
    return in.currentToken() == JsonToken.VALUE_STRING ? in.getText() : null;
  }

  /** {@code value}, which a field must have had. */
  static String required(@Nullable String value, String field) {
    if (value == null) {
      throw new EnvelopeException("missing text field '" + field + "'");
    }
    return value;
  }

  private static String shown(JsonParser in) throws IOException {
    JsonToken token = in.currentToken();
    return token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY
        ? token.asString() + "..."
        : shortened(in.getText());
  }

  /** {@code text}, cut to its first 60 characters for a message. */
  static String shortened(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
