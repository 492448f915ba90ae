package dev.pgpipe.cdc;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting of SQL identifiers and {@code schema.table} names given by users. */
final class Identifiers {

  private Identifiers() {}

  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** {@code schema.table} with {@code public} when the schema is left out. */
  static String qualify(String table) {
    return table.contains(".") ? table : "public." + table;
  }

  /** {@code "schema"."table"}. */
  static String quoteTable(String table) {
    String qualified = qualify(table);
    int dot = qualified.indexOf('.');
    return quote(qualified.substring(0, dot)) + "." + quote(qualified.substring(dot + 1));
  }

  static String quoteTables(List<String> tables) {
    return tables.stream().map(Identifiers::quoteTable).collect(Collectors.joining(", "));
  }
}
