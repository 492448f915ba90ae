package dev.pgpipe.dbn;

/**
 * A record followed on the wire by the gateway's send timestamp, as written when the metadata sets
 * {@code ts_out}. The header length of such a record counts the extra 8 bytes.
 *
 * @param record the record itself, never another {@code WithTsOut}
 * @param tsOut the gateway's send time, nanoseconds since the epoch (u64 bits)
 */
public record WithTsOut(DbnRecord record, long tsOut) implements DbnRecord {
  /** Rejects nesting. */
  public WithTsOut {
    if (record instanceof WithTsOut) {
      throw new IllegalArgumentException("WithTsOut cannot wrap another WithTsOut");
    }
  }

  @Override
  public RecordHeader hd() {
    return record.hd();
  }
}
