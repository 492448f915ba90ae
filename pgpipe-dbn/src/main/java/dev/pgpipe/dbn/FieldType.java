package dev.pgpipe.dbn;

/**
 * Wire types of record fields, with the Java type each takes in the immutable records: integers
 * narrower than 32 bits and {@code i32} are {@code int}, {@code u32} is {@code long} (widened),
 * {@code u64} keeps its bits in a {@code long}.
 */
public enum FieldType {
  /** Unsigned byte, {@code int}. */
  U8,
  /** Signed byte, {@code int}. */
  I8,
  /** Unsigned 16-bit, {@code int}. */
  U16,
  /** Signed 16-bit, {@code int}. */
  I16,
  /** Unsigned 32-bit, {@code long}. */
  U32,
  /** Signed 32-bit, {@code int}. */
  I32,
  /** Unsigned 64-bit, bits in a {@code long}. */
  U64,
  /** Signed 64-bit, {@code long}. */
  I64,
  /** Fixed-point price, i64 with nine implied decimals, {@code long}. */
  PRICE,
  /** Timestamp, u64 nanoseconds since the epoch, bits in a {@code long}. */
  TIMESTAMP,
  /** One ASCII character ({@code c_char}), {@code char}. */
  CHAR,
  /** Fixed-size NUL-padded string ({@code [c_char; N]}), {@code String} up to the first NUL. */
  CSTRING,
  /** Reserved bytes: written as zeros, not exposed. */
  RESERVED,
  /** Array of {@link BidAskPair}, 32 bytes each, {@code List<BidAskPair>}. */
  LEVELS,
  /** Array of {@link ConsolidatedBidAskPair}, 32 bytes each. */
  CONSOLIDATED_LEVELS;

  /** Whether the field holds an integer of at most 64 bits (including prices and timestamps). */
  public boolean isInteger() {
    return ordinal() <= TIMESTAMP.ordinal();
  }

  /** Whether JSON writes this integer as a string (all 64-bit types, as Databento's tools do). */
  public boolean is64Bit() {
    return this == U64 || this == I64 || this == PRICE || this == TIMESTAMP;
  }
}
