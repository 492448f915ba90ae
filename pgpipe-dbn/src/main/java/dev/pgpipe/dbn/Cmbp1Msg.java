package dev.pgpipe.dbn;

import java.util.List;

/**
 * Consolidated top-of-book with the event: CMBP-1 (0xB1) and TCBBO (0xC2).
 *
 * <p>Wire layout: {@link Layouts#CMBP1} (80 bytes, DBN struct `Cmbp1Msg`). Prices are fixed-point
 * with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32 fields are
 * widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable and
 * thread-safe.
 */
public record Cmbp1Msg(
    RecordHeader hd,
    long price,
    long size,
    char action,
    char side,
    int flags,
    long tsRecv,
    int tsInDelta,
    List<ConsolidatedBidAskPair> levels)
    implements DbnRecord {
  /** Checks the record type and the number of book levels. */
  public Cmbp1Msg {
    Checks.rtype(hd, "Cmbp1Msg", RType.CMBP_1, RType.TCBBO);
    levels = Checks.levels(levels, 1);
  }
}
