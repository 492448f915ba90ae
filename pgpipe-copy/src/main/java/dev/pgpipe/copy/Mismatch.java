package dev.pgpipe.copy;

/**
 * One difference between a {@link Table} definition and the live table.
 *
 * @param column the column, or empty for the table itself
 * @param expected what the definition says
 * @param actual what the catalog says ({@code missing} when absent)
 * @param safe whether writing can go on in {@link SchemaMode#WARN}: same wire format, and the live
 *     column takes every value the definition allows
 */
public record Mismatch(String column, String expected, String actual, boolean safe) {

  @Override
  public String toString() {
    String where = column.isEmpty() ? "table" : "column " + column;
    return where + ": expected " + expected + ", found " + actual + (safe ? " (safe)" : "");
  }
}
