package dev.pgpipe.dbn.live;

import static dev.pgpipe.dbn.live.LiveFixtures.error;
import static dev.pgpipe.dbn.live.LiveFixtures.system;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.SystemMsgV1;
import dev.pgpipe.dbn.TradeMsg;
import dev.pgpipe.dbn.WithTsOut;
import org.junit.jupiter.api.Test;

class EventsTest {

  @Test
  void systemCodesBecomeTypedEvents() {
    assertThat(Events.of(LiveFixtures.heartbeat(9))).isEqualTo(new LiveEvent.Heartbeat(9));
    assertThat(Events.of(system(1, "Subscription request 1 for trades data succeeded")))
        .isEqualTo(
            new LiveEvent.SubscriptionAck("Subscription request 1 for trades data succeeded"));
    assertThat(Events.of(system(2, "slow"))).isEqualTo(new LiveEvent.SlowReaderWarning("slow"));
    assertThat(Events.of(system(3, "done"))).isEqualTo(new LiveEvent.ReplayCompleted("done"));
    assertThat(Events.of(system(4, "1m"))).isEqualTo(new LiveEvent.EndOfInterval("1m"));
    assertThat(Events.of(system(99, "new"))).isEqualTo(new LiveEvent.SystemNotice(99, "new"));
  }

  @Test
  void errorRecordsBecomeGatewayErrorsAndTsOutIsSeenThrough() {
    assertThat(Events.of(error(4, "Failed to resolve symbol: XYZ")))
        .isEqualTo(new LiveEvent.GatewayError(4, "Failed to resolve symbol: XYZ"));
    assertThat(Events.of(new WithTsOut(system(1, "ok"), 5)))
        .isEqualTo(new LiveEvent.SubscriptionAck("ok"));
    assertThat(Events.of(new SystemMsgV1(new RecordHeader(RType.SYSTEM, 0, 0, 3), "Heartbeat")))
        .isEqualTo(new LiveEvent.Heartbeat(3));
  }

  @Test
  void everythingElseIsDataAsReceived() {
    TradeMsg trade = LiveFixtures.trade(100);
    assertThat(Events.of(trade)).isEqualTo(new LiveEvent.Data(trade));
    WithTsOut stamped = new WithTsOut(trade, 101);
    assertThat(Events.of(stamped)).isEqualTo(new LiveEvent.Data(stamped));
  }
}
