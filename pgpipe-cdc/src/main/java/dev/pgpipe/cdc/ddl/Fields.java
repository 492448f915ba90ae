package dev.pgpipe.cdc.ddl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed, strict access to the fields of one JSON object of a DDL message: a field that is missing
 * or has the wrong type is a {@link DdlFormatException} naming the object, the field and the LSN.
 */
final class Fields {

  private final JsonNode node;
  private final String what;
  private final long lsn;

  Fields(JsonNode node, String what, long lsn) {
    if (!node.isObject()) {
      throw new DdlFormatException(what + " is not a JSON object: " + node.getNodeType(), lsn);
    }
    this.node = node;
    this.what = what;
    this.lsn = lsn;
  }

  DdlFormatException malformed(String problem) {
    return new DdlFormatException(what + ": " + problem, lsn);
  }

  boolean has(String field) {
    return node.has(field);
  }

  /** Whether the field is present and JSON null. */
  boolean isNull(String field) {
    return require(field).isNull();
  }

  String text(String field) {
    JsonNode value = require(field);
    if (!value.isTextual()) {
      throw wrongType(field, "a string", value);
    }
    return value.textValue();
  }

  int integer(String field) {
    JsonNode value = require(field);
    if (!value.isInt()) {
      throw wrongType(field, "an integer", value);
    }
    return value.intValue();
  }

  long int8(String field) {
    JsonNode value = require(field);
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      throw wrongType(field, "an integer", value);
    }
    return value.longValue();
  }

  boolean bool(String field) {
    JsonNode value = require(field);
    if (!value.isBoolean()) {
      throw wrongType(field, "true or false", value);
    }
    return value.booleanValue();
  }

  JsonNode object(String field) {
    JsonNode value = require(field);
    if (!value.isObject()) {
      throw wrongType(field, "an object", value);
    }
    return value;
  }

  List<JsonNode> array(String field) {
    JsonNode value = require(field);
    if (!value.isArray()) {
      throw wrongType(field, "an array", value);
    }
    List<JsonNode> items = new ArrayList<>(value.size());
    value.forEach(items::add);
    return items;
  }

  private JsonNode require(String field) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw malformed("no field '" + field + "'");
    }
    return value;
  }

  private DdlFormatException wrongType(String field, String expected, JsonNode value) {
    return malformed(
        "field '" + field + "' should be " + expected + ", not " + value.getNodeType());
  }
}
