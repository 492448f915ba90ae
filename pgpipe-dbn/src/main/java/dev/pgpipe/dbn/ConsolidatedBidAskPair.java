package dev.pgpipe.dbn;

/**
 * One consolidated book level of a CMBP or CBBO record (32 bytes on the wire), with the publisher
 * of each side instead of order counts.
 *
 * <pre>
 * | 0 bid_px i64 | 8 ask_px i64 | 16 bid_sz u32 | 20 ask_sz u32 | 24 bid_pb u16 | 26 reserved |
 * | 28 ask_pb u16 | 30 reserved |
 * </pre>
 */
public record ConsolidatedBidAskPair(
    long bidPx, long askPx, long bidSz, long askSz, int bidPb, int askPb) {}
