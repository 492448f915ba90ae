package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads envelopes with a streaming parser, fields in any order and unknown fields skipped; events
 * are read by {@link EventReader}. Errors name what is wrong and start with the input's first 120
 * characters. Thread-safe.
 */
final class EnvelopeReader {

  private final EventReader events;

  EnvelopeReader(ObjectMapper mapper) {
    this.events = new EventReader(mapper);
  }

  /** The transaction envelope that is the parser's whole input ({@code input}, for errors). */
  Transaction transaction(JsonParser in, Object input) throws IOException {
    object(in, EnvelopeCodec.TRANSACTION_FORMAT, input);
    Fields fields = new Fields();
    while (in.nextToken() == JsonToken.FIELD_NAME) {
      String name = in.currentName();
      in.nextToken();
      fields.read(name, in, events, input);
    }
    if (!EnvelopeCodec.TRANSACTION_FORMAT.equals(fields.format)) {
      throw notEnvelope(EnvelopeCodec.TRANSACTION_FORMAT, input);
    }
    try {
      return fields.transaction();
    } catch (RuntimeException e) {
      throw invalid(e, input);
    }
  }

  /**
   * The event envelope that is the parser's whole input ({@code input}, for errors), of {@code
   * format}, or of any format when that is null.
   */
  ChangeEvent event(JsonParser in, Object input, @Nullable String format) throws IOException {
    object(in, format == null ? EnvelopeCodec.EVENT_FORMAT : format, input);
    EventReader.Draft draft = events.read(in, input);
    if (format != null && !format.equals(draft.format())) {
      throw notEnvelope(format, input);
    }
    try {
      return draft.event();
    } catch (RuntimeException e) {
      throw invalid(e, input);
    }
  }

  /** Moves to the START_OBJECT that must open the input. */
  private static void object(JsonParser in, String format, Object input) throws IOException {
    if (in.nextToken() != JsonToken.START_OBJECT) {
      throw notEnvelope(format, input);
    }
  }

  private static EnvelopeException notEnvelope(String format, Object input) {
    return new EnvelopeException("not a " + format + " envelope: " + abbreviate(input));
  }

  /** A field missing or wrong in an envelope of the right format, with the start of the input. */
  private static EnvelopeException invalid(RuntimeException e, Object input) {
    return new EnvelopeException(
        "invalid envelope (" + e.getMessage() + "): " + abbreviate(input), e);
  }

  private static String abbreviate(Object input) {
    String text =
        input instanceof byte[] bytes
            ? new String(bytes, 0, Math.min(bytes.length, 480), StandardCharsets.UTF_8)
            : input.toString();
    return text.length() > 120 ? text.substring(0, 120) + "..." : text;
  }

  /** A transaction envelope's fields as read. */
  private static final class Fields {
    @Nullable String format;
    long xid;
    @Nullable String beginLsn;
    @Nullable String commitLsn;
    @Nullable String endLsn;
    @Nullable String commitTime;
    int part;
    boolean lastPart;
    final List<EventReader.Draft> events = new ArrayList<>();

    void read(String name, JsonParser in, EventReader reader, Object input) throws IOException {
      switch (name) {
        case "format" -> format = EventReader.text(in);
        case "xid" -> xid = in.getValueAsLong();
        case "begin_lsn" -> beginLsn = EventReader.text(in);
        case "commit_lsn" -> commitLsn = EventReader.text(in);
        case "end_lsn" -> endLsn = EventReader.text(in);
        case "commit_time" -> commitTime = EventReader.text(in);
        case "part" -> part = in.getValueAsInt();
        case "last_part" -> lastPart = in.getValueAsBoolean();
        case "events" -> {
          if (in.currentToken() != JsonToken.START_ARRAY) {
            in.skipChildren();
            return;
          }
          while (in.nextToken() == JsonToken.START_OBJECT) {
            events.add(reader.read(in, input));
          }
        }
        default -> in.skipChildren();
      }
    }

    Transaction transaction() {
      return new Transaction(
          xid,
          Lsn.parse(EventReader.required(beginLsn, "begin_lsn")),
          Lsn.parse(EventReader.required(commitLsn, "commit_lsn")),
          Lsn.parse(EventReader.required(endLsn, "end_lsn")),
          InstantText.parse(EventReader.required(commitTime, "commit_time")),
          events.stream().map(EventReader.Draft::event).toList(),
          part,
          lastPart);
    }
  }
}
