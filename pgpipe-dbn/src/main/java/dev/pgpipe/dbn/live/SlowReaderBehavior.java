package dev.pgpipe.dbn.live;

/** What the gateway does when the client reads too slowly ({@code slow_reader_behavior}). */
public enum SlowReaderBehavior {
  /** Keep buffering and send a slow-reader warning (the gateway's default). */
  WARN,
  /** Skip records, then report how many with an error record (code 7). */
  SKIP
}
