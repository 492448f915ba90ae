package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.Metadata;

/**
 * What {@link LiveClient#next()} returns: a market data record, or something that happened to the
 * session. A {@code switch} over it is exhaustive. Gateway system records (rtype 0x17) and error
 * records (rtype 0x15) become the typed events below; every other record is {@link Data}.
 */
public sealed interface LiveEvent {

  /**
   * A record: market data, instrument definitions, statistics, symbol mappings. {@link
   * dev.pgpipe.dbn.WithTsOut} when the session has {@code ts_out}.
   */
  record Data(DbnRecord record) implements LiveEvent {}

  /**
   * A session began streaming: after {@link LiveClient#start()} and after each reconnection.
   *
   * @param sessionId the gateway's id for the session
   * @param metadata the stream's DBN metadata; its {@code start} is the session start
   */
  record SessionStarted(String sessionId, Metadata metadata) implements LiveEvent {}

  /** The gateway is alive but had nothing to send (system code 0). */
  record Heartbeat(long tsEvent) implements LiveEvent {}

  /** The gateway accepted a subscription (system code 1). */
  record SubscriptionAck(String message) implements LiveEvent {}

  /** The gateway is buffering because the client reads too slowly (system code 2). */
  record SlowReaderWarning(String message) implements LiveEvent {}

  /** An intraday replay caught up with real time (system code 3). */
  record ReplayCompleted(String message) implements LiveEvent {}

  /** The end of an interval of an interval schema, e.g. OHLCV (system code 4). */
  record EndOfInterval(String message) implements LiveEvent {}

  /** A system message with a code this client does not know. */
  record SystemNotice(int code, String message) implements LiveEvent {}

  /**
   * An error record from the gateway. Codes: 1 authentication failed, 2 API key deactivated, 3
   * connection limit reached, 4 symbol resolution failed, 5 invalid subscription, 6 internal error,
   * 7 records skipped after slow reading. The session may go on (e.g. after code 4).
   */
  record GatewayError(int code, String message) implements LiveEvent {}

  /**
   * The connection dropped and the client reconnected: records between the two sessions are
   * missing. Nothing resumes where it left off; a {@link SessionStarted} follows.
   *
   * @param lastTsEvent {@code ts_event} of the last record before the drop ({@link
   *     dev.pgpipe.dbn.Dbn#UNDEF_TIMESTAMP} if none came)
   * @param resumedAt the new session's start (its metadata {@code start}), ns since the epoch
   * @param attempts connection attempts it took
   * @param cause what ended the previous connection
   */
  record Gap(long lastTsEvent, long resumedAt, int attempts, LiveException cause)
      implements LiveEvent {}
}
