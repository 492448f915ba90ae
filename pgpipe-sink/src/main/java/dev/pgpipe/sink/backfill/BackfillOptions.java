package dev.pgpipe.sink.backfill;

import java.time.Duration;

/**
 * How a replication backfills tables: {@code chunkRows} rows per chunk (each chunk costs one round
 * through the stream; the open chunk's rows are held in memory until its high watermark), and how
 * often an idle backfiller looks for new requests ({@code pgpipe backfill --table}). Immutable.
 */
public record BackfillOptions(int chunkRows, Duration idlePoll) {

  /** 5,000 rows per chunk, requests looked for every 2 s. */
  public static final BackfillOptions DEFAULTS = new BackfillOptions(5_000, Duration.ofSeconds(2));

  public BackfillOptions {
    if (chunkRows <= 0) {
      throw new IllegalArgumentException("backfill chunk rows must be > 0: " + chunkRows);
    }
    if (idlePoll.isNegative() || idlePoll.isZero()) {
      throw new IllegalArgumentException("idle poll must be > 0: " + idlePoll);
    }
  }

  public BackfillOptions withChunkRows(int rows) {
    return new BackfillOptions(rows, idlePoll);
  }

  public BackfillOptions withIdlePoll(Duration interval) {
    return new BackfillOptions(chunkRows, interval);
  }
}
