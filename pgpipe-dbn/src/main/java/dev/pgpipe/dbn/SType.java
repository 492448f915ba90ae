package dev.pgpipe.dbn;

import java.util.Optional;

/** Symbology types with their metadata codes ({@code u8}; 0xFF means none or mixed). */
public enum SType {
  INSTRUMENT_ID(0, "instrument_id"),
  RAW_SYMBOL(1, "raw_symbol"),
  CONTINUOUS(3, "continuous"),
  PARENT(4, "parent"),
  NASDAQ_SYMBOL(5, "nasdaq_symbol"),
  CMS_SYMBOL(6, "cms_symbol"),
  ISIN(7, "isin"),
  US_CODE(8, "us_code"),
  BBG_COMP_ID(9, "bbg_comp_id"),
  BBG_COMP_TICKER(10, "bbg_comp_ticker"),
  FIGI(11, "figi"),
  FIGI_TICKER(12, "figi_ticker");

  /** The metadata code for "none". */
  public static final int NONE = 0xFF;

  private final int code;
  private final String text;

  SType(int code, String text) {
    this.code = code;
    this.text = text;
  }

  /** The code written in metadata. */
  public int code() {
    return code;
  }

  /** The name Databento uses, e.g. {@code "raw_symbol"}. */
  public String text() {
    return text;
  }

  /** The symbology type for a code; empty for unknown codes and for {@link #NONE}. */
  public static Optional<SType> ofCode(int code) {
    for (SType stype : values()) {
      if (stype.code == code) {
        return Optional.of(stype);
      }
    }
    return Optional.empty();
  }
}
