package dev.pgpipe.cdc;

import dev.pgpipe.client.Identifier;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code table} or {@code schema.table} names users give (flags, {@code
 * POSTGRES_INPUT_TABLES}), split at the first dot and quoted through {@link Identifier}.
 */
final class TableNames {

  private TableNames() {}

  /** {@code schema.table} with {@code public} when the schema is left out. */
  static String qualify(String table) {
    return table.contains(".") ? table : "public." + table;
  }

  /** {@code "schema"."table"}. */
  static String quote(String table) {
    String qualified = qualify(table);
    int dot = qualified.indexOf('.');
    return Identifier.quote(qualified.substring(0, dot), qualified.substring(dot + 1));
  }

  static String quoteAll(List<String> tables) {
    return tables.stream().map(TableNames::quote).collect(Collectors.joining(", "));
  }
}
