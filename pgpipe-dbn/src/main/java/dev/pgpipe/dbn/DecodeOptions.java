package dev.pgpipe.dbn;

/**
 * How a {@link DbnDecoder} reads a stream. Immutable; start from {@link #defaults()}.
 *
 * @param upgrade rewrite version 1 and 2 records (and metadata) as version 3; otherwise as-is
 * @param failOnUnknownRType throw {@link DbnException.Code#UNKNOWN_RTYPE} on record types this
 *     library does not know; otherwise skip them by their length and count them
 * @param fragmentVersion 0 for a stream that starts with metadata; 1 to 3 for a metadata-less
 *     fragment ({@code .dbn.frag}) of that version
 * @param fragmentTsOut for fragments: whether each record carries {@code ts_out}
 */
public record DecodeOptions(
    boolean upgrade, boolean failOnUnknownRType, int fragmentVersion, boolean fragmentTsOut) {

  /** Checks the fragment version. */
  public DecodeOptions {
    if (fragmentVersion < 0 || fragmentVersion > Dbn.CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "fragmentVersion must be 0 (none) or 1 to 3: " + fragmentVersion);
    }
  }

  /** As-is decoding of a stream with metadata, skipping unknown record types. */
  public static DecodeOptions defaults() {
    return new DecodeOptions(false, false, 0, false);
  }

  /** These options, upgrading older records to version 3 when {@code upgrade} is set. */
  public DecodeOptions withUpgrade(boolean newUpgrade) {
    return new DecodeOptions(newUpgrade, failOnUnknownRType, fragmentVersion, fragmentTsOut);
  }

  /** These options, failing on unknown record types when {@code fail} is set. */
  public DecodeOptions withFailOnUnknownRType(boolean fail) {
    return new DecodeOptions(upgrade, fail, fragmentVersion, fragmentTsOut);
  }

  /** These options for a metadata-less fragment of {@code version}, without {@code ts_out}. */
  public DecodeOptions withFragment(int version) {
    return withFragment(version, false);
  }

  /** These options for a metadata-less fragment of {@code version}. */
  public DecodeOptions withFragment(int version, boolean tsOut) {
    return new DecodeOptions(upgrade, failOnUnknownRType, version, tsOut);
  }
}
