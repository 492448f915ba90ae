package dev.pgpipe.dbn;

/**
 * The 16-byte header that starts every DBN record, without its length byte: the encoder derives the
 * length from the record's layout and the stream's {@code ts_out} setting.
 *
 * <pre>
 *  0      1      2             4                   8                               16
 *  +------+------+-------------+-------------------+-------------------------------+
 *  |length| rtype| publisher_id|   instrument_id   |           ts_event            |
 *  |  u8  |  u8  |     u16     |        u32        |              u64              |
 *  +------+------+-------------+-------------------+-------------------------------+
 *  length = record size / 4, little-endian throughout
 * </pre>
 *
 * @param rtype record type, 0..255 (see {@link RType})
 * @param publisherId publisher, 0..65535
 * @param instrumentId instrument, an unsigned 32-bit value
 * @param tsEvent matching-engine timestamp, nanoseconds since the epoch (u64 bits)
 */
public record RecordHeader(int rtype, int publisherId, long instrumentId, long tsEvent) {
  /** Checks that each field fits its wire width. */
  public RecordHeader {
    if (rtype < 0 || rtype > 0xFF) {
      throw new IllegalArgumentException("rtype must fit in a u8: " + rtype);
    }
    if (publisherId < 0 || publisherId > 0xFFFF) {
      throw new IllegalArgumentException("publisherId must fit in a u16: " + publisherId);
    }
    if (instrumentId < 0 || instrumentId > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("instrumentId must fit in a u32: " + instrumentId);
    }
  }
}
