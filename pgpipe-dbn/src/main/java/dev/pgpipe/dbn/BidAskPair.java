package dev.pgpipe.dbn;

/**
 * One book level of an MBP or BBO record (32 bytes on the wire).
 *
 * <pre>
 * | 0 bid_px i64 | 8 ask_px i64 | 16 bid_sz u32 | 20 ask_sz u32 | 24 bid_ct u32 | 28 ask_ct u32 |
 * </pre>
 */
public record BidAskPair(long bidPx, long askPx, long bidSz, long askSz, long bidCt, long askCt) {}
