package dev.pgpipe.dbn;

/**
 * Auction imbalance (rtype 0x14).
 *
 * <p>Wire layout: {@link Layouts#IMBALANCE} (112 bytes, DBN struct `ImbalanceMsg`). Prices are
 * fixed-point with nine implied decimals, timestamps are nanoseconds since the UNIX epoch; u32
 * fields are widened to {@code long} and u64 fields carry their bits in a {@code long}. Immutable
 * and thread-safe.
 */
public record ImbalanceMsg(
    RecordHeader hd,
    long tsRecv,
    long refPrice,
    long auctionTime,
    long contBookClrPrice,
    long auctInterestClrPrice,
    long ssrFillingPrice,
    long indMatchPrice,
    long upperCollar,
    long lowerCollar,
    long pairedQty,
    long totalImbalanceQty,
    long marketImbalanceQty,
    long unpairedQty,
    char auctionType,
    char side,
    int auctionStatus,
    int freezeStatus,
    int numExtensions,
    char unpairedSide,
    char significantImbalance)
    implements DbnRecord {
  /** Checks the record type. */
  public ImbalanceMsg {
    Checks.rtype(hd, "ImbalanceMsg", RType.IMBALANCE);
  }
}
