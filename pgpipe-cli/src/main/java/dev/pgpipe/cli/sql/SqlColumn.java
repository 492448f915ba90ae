package dev.pgpipe.cli.sql;

import java.util.Set;

/** A result column: its label and its PostgreSQL type name ({@code int8}, {@code _text}, ...). */
record SqlColumn(String label, String type) {

  private static final Set<String> NUMBERS =
      Set.of("int2", "int4", "int8", "float4", "float8", "numeric", "oid");

  /** Whether values are numbers (shown right-aligned, written to JSON as numbers). */
  boolean isNumber() {
    return NUMBERS.contains(type);
  }

  boolean isBoolean() {
    return type.equals("bool");
  }

  boolean isJson() {
    return type.equals("json") || type.equals("jsonb");
  }
}
