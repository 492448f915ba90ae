package dev.pgpipe.dbn.live;

import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.ErrorMsg;
import dev.pgpipe.dbn.ErrorMsgV1;
import dev.pgpipe.dbn.SystemMsg;
import dev.pgpipe.dbn.SystemMsgV1;
import dev.pgpipe.dbn.WithTsOut;

/**
 * Turns records into {@link LiveEvent}s. Pure.
 *
 * <pre>
 *   rtype 0x17 SystemMsg  code 0 heartbeat · 1 subscription ack · 2 slow reader
 *                              3 replay completed · 4 end of interval · other: SystemNotice
 *   rtype 0x15 ErrorMsg   GatewayError(code, text)
 *   anything else         Data(record)
 * </pre>
 *
 * Version 1 system records carry no code; "Heartbeat" is recognised by its text.
 */
final class Events {
  static final int HEARTBEAT = 0;
  static final int SUBSCRIPTION_ACK = 1;
  static final int SLOW_READER = 2;
  static final int REPLAY_COMPLETED = 3;
  static final int END_OF_INTERVAL = 4;

  private Events() {}

  static LiveEvent of(DbnRecord record) {
    DbnRecord inner = record instanceof WithTsOut w ? w.record() : record;
    return switch (inner) {
      case SystemMsg s -> system(s.code(), s.msg(), s.hd().tsEvent());
      case SystemMsgV1 s ->
          system("Heartbeat".equals(s.msg()) ? HEARTBEAT : -1, s.msg(), s.hd().tsEvent());
      case ErrorMsg e -> new LiveEvent.GatewayError(e.code(), e.err());
      case ErrorMsgV1 e -> new LiveEvent.GatewayError(-1, e.err());
      default -> new LiveEvent.Data(record);
    };
  }

  private static LiveEvent system(int code, String message, long tsEvent) {
    return switch (code) {
      case HEARTBEAT -> new LiveEvent.Heartbeat(tsEvent);
      case SUBSCRIPTION_ACK -> new LiveEvent.SubscriptionAck(message);
      case SLOW_READER -> new LiveEvent.SlowReaderWarning(message);
      case REPLAY_COMPLETED -> new LiveEvent.ReplayCompleted(message);
      case END_OF_INTERVAL -> new LiveEvent.EndOfInterval(message);
      default -> new LiveEvent.SystemNotice(code, message);
    };
  }
}
