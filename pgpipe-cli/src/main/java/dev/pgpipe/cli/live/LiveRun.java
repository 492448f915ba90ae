package dev.pgpipe.cli.live;

import dev.pgpipe.cdc.Job;
import dev.pgpipe.cdc.Outcome;
import dev.pgpipe.cdc.StopReason;
import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.market.LiveLoad;
import dev.pgpipe.market.LiveStatus;
import dev.pgpipe.market.LoadReport;
import org.jspecify.annotations.Nullable;

/**
 * Streams a started {@link LiveClient} into a {@link LiveLoad} until the gateway ends the session
 * or {@link #stop()} closes the client (the supervisor calls it on Ctrl-C or SIGTERM); then the
 * rows buffered so far are committed and {@link #run()} returns. Its status line is redrawn from
 * the record stream, so it needs no status ticks from the supervisor. One thread runs it; {@link
 * #stop()} and {@link #stats()} may be called from any.
 */
final class LiveRun implements Job<LiveStatus> {

  private final LiveClient client;
  private final LiveLoad load;
  private final LiveStatusLine status;
  private volatile boolean stopping;
  private volatile LiveStatus last;
  private volatile @Nullable LoadReport report;
  private final LiveMeters meters;

  LiveRun(LiveClient client, LiveLoad load, LiveStatusLine status) {
    this.client = client;
    this.load = load;
    this.status = status;
    this.last = load.status();
    this.meters =
        new LiveMeters(
            load::status, java.time.Clock.systemUTC(), () -> client.sessionId().isPresent());
  }

  /** Its meters and the gateway's state, for the metrics endpoint. */
  LiveMeters meters() {
    return meters;
  }

  /** Streams until the end, then finishes the load; the outcome holds the final status. */
  @Override
  public Outcome<LiveStatus> run() {
    stream();
    meters.ended();
    try {
      report = load.finish();
    } finally { // the last line counts every row the finish committed
      last = load.status();
      status.show(last);
      status.end();
    }
    return new Outcome<>(stopping ? StopReason.INTERRUPTED : StopReason.FINISHED, last);
  }

  private void stream() {
    long events = 0;
    for (LiveEvent event = client.next(); event != null; event = client.next()) {
      load.accept(event);
      meters.event(event);
      if (event instanceof LiveEvent.Data) {
        if ((++events & 255) == 0) {
          status.maybeShow(this::latest);
        }
      } else {
        status.event(event);
        last = load.status();
        status.show(last);
      }
    }
  }

  private LiveStatus latest() {
    last = load.status();
    return last;
  }

  /** Ends the session: the stream ends, what was buffered is committed. */
  @Override
  public void stop() {
    stopping = true;
    client.close();
  }

  /** The status as of the last status line (or the end). */
  @Override
  public LiveStatus stats() {
    return last;
  }

  /** What the load wrote; available once {@link #run()} returned. */
  LoadReport report() {
    LoadReport done = report;
    if (done == null) {
      throw new IllegalStateException("the live run has not finished");
    }
    return done;
  }
}
