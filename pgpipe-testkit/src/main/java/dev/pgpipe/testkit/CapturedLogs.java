package dev.pgpipe.testkit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * What the code under test logs (every logger, at the levels logback-test.xml lets through), kept
 * in memory from {@link #start()} to {@link #close()} so a test can assert on what an operator
 * reads. Thread-safe.
 */
public final class CapturedLogs implements AutoCloseable {

  private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final AppenderBase<ILoggingEvent> appender =
      new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
          event.prepareForDeferredProcessing();
          events.add(event);
        }
      };

  private CapturedLogs() {}

  /** Starts keeping every event logged from now on. */
  public static CapturedLogs start() {
    CapturedLogs logs = new CapturedLogs();
    logs.appender.setContext(logs.root.getLoggerContext());
    logs.appender.setName("captured");
    logs.appender.start();
    logs.root.addAppender(logs.appender);
    return logs;
  }

  /** Events at WARN or above logged from {@code fromMillis} (inclusive) to {@code toMillis}. */
  public List<ILoggingEvent> warnings(long fromMillis, long toMillis) {
    return between(fromMillis, toMillis).stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .toList();
  }

  /** Every event logged from {@code fromMillis} (inclusive) to {@code toMillis} (exclusive). */
  public List<ILoggingEvent> between(long fromMillis, long toMillis) {
    return events.stream()
        .filter(e -> e.getTimeStamp() >= fromMillis && e.getTimeStamp() < toMillis)
        .toList();
  }

  /** The formatted messages of the events at WARN or above logged so far. */
  public List<String> warnings() {
    return warnings(Long.MIN_VALUE, Long.MAX_VALUE).stream()
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
  }
}
