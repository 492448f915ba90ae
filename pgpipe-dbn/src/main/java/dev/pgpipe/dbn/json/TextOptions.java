package dev.pgpipe.dbn.json;

/**
 * How records are written as text.
 *
 * @param prettyPx prices as decimal strings with 9 decimals ({@code "3722.750000000"}), undefined
 *     prices as null (empty in CSV); otherwise raw fixed-point integers
 * @param prettyTs timestamps as ISO-8601 UTC with nanoseconds ({@code
 *     "2020-12-28T13:00:00.000429831Z"}), undefined as null; otherwise integer nanoseconds
 * @param mapSymbols append a {@code symbol} field resolved from the symbology
 */
public record TextOptions(boolean prettyPx, boolean prettyTs, boolean mapSymbols) {
  /** Raw values, no symbols: what {@code dbn} writes without flags. */
  public static TextOptions raw() {
    return new TextOptions(false, false, false);
  }
}
