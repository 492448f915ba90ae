package dev.pgpipe.cli.live;

import dev.pgpipe.cli.supervise.GracefulStop;
import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.market.LiveLoad;
import dev.pgpipe.market.LiveStatus;
import dev.pgpipe.market.LoadReport;
import java.time.Duration;

/**
 * Streams a started {@link LiveClient} into a {@link LiveLoad} until the gateway ends the session
 * or the process is asked to stop (Ctrl-C, SIGTERM): then the client is closed, the rows buffered
 * so far are committed and the process exits. Runs on the calling thread.
 */
final class LiveRun {

  private final LiveClient client;
  private final LiveLoad load;
  private final LiveStatusLine status;

  LiveRun(LiveClient client, LiveLoad load, LiveStatusLine status) {
    this.client = client;
    this.load = load;
    this.status = status;
  }

  /** Streams until the end, then finishes the load and returns its report and final status. */
  Result run() {
    // On Ctrl-C: end the session, then let this thread commit what it has (up to 30 s).
    GracefulStop stop = GracefulStop.install(Duration.ofSeconds(30), client::close);
    try {
      stream();
      LiveStatus last = load.status();
      status.show(last);
      status.end();
      LoadReport report = load.finish();
      return new Result(report, load.status());
    } finally {
      stop.close();
    }
  }

  private void stream() {
    long events = 0;
    for (LiveEvent event = client.next(); event != null; event = client.next()) {
      load.accept(event);
      if (event instanceof LiveEvent.Data) {
        if ((++events & 255) == 0) {
          status.maybeShow(load::status);
        }
      } else {
        status.event(event);
        status.show(load.status());
      }
    }
  }

  /** What a live run did. */
  record Result(LoadReport report, LiveStatus status) {}
}
