package dev.pgpipe.cli.observe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * Switches the log lines on standard error between text (logback.xml's pattern, the default) and
 * JSON ({@link JsonLineEncoder}).
 */
final class LogFormat {

  private LogFormat() {}

  /**
   * Applies {@code format}: {@code json}, or {@code text} / empty for the default.
   *
   * @throws IllegalArgumentException for any other format
   */
  static void apply(String format) {
    String name = format.strip().toLowerCase(Locale.ROOT);
    if (name.isEmpty() || name.equals("text")) {
      return;
    }
    if (!name.equals("json")) {
      throw new IllegalArgumentException("--log-format must be text or json, not " + format);
    }
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another logging backend: its own configuration decides
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Appender<ILoggingEvent> appender = root.getAppender("STDERR");
    if (appender instanceof OutputStreamAppender<ILoggingEvent> stream
        && !(stream.getEncoder() instanceof JsonLineEncoder)) {
      Encoder<ILoggingEvent> encoder = new JsonLineEncoder();
      encoder.setContext(context);
      encoder.start();
      stream.stop();
      stream.setEncoder(encoder);
      stream.start();
    }
  }
}
