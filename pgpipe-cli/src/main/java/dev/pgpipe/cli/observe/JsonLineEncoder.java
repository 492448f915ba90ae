package dev.pgpipe.cli.observe;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per log event and line: {@code time} (ISO-8601 UTC), {@code level}, {@code
 * logger}, {@code thread}, {@code message}, then the event's fields — the MDC ({@code slot}, {@code
 * command}...) and SLF4J key-value pairs ({@code table}, {@code lsn}...) — and {@code error} with
 * the exception's class and message. Message, fields and error pass through {@link Secrets#scrub}.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {

  private static final JsonFactory FACTORY = new JsonFactory();
  private static final byte[] NOTHING = new byte[0];

  @Override
  public byte[] headerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] footerBytes() {
    return NOTHING;
  }

  @Override
  public byte[] encode(ILoggingEvent event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
      json.writeStringField("level", event.getLevel().toString());
      json.writeStringField("logger", event.getLoggerName());
      json.writeStringField("thread", event.getThreadName());
      json.writeStringField("message", Secrets.scrub(event.getFormattedMessage()));
      for (Map.Entry<String, String> field : event.getMDCPropertyMap().entrySet()) {
        json.writeStringField(field.getKey(), Secrets.scrub(String.valueOf(field.getValue())));
      }
      if (event.getKeyValuePairs() != null) {
        for (KeyValuePair pair : event.getKeyValuePairs()) {
          json.writeStringField(pair.key, Secrets.scrub(String.valueOf(pair.value)));
        }
      }
      IThrowableProxy error = event.getThrowableProxy();
      if (error != null) {
        json.writeStringField(
            "error", Secrets.scrub(error.getClassName() + ": " + error.getMessage()));
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.write('\n');
    return out.toByteArray();
  }
}
