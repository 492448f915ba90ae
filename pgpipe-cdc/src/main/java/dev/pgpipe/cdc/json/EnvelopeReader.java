package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

  /**
   * The transaction envelope, format 1 or 2, that is the parser's whole input ({@code input}, for
   * errors).
   */
  Transaction transaction(JsonParser in, Object input) throws IOException {
    String format = EnvelopeCodec.TRANSACTION_FORMAT + " or /2";
    object(in, format, input);
    Fields fields = new Fields();
    try {
      Tokens.fields(in, (name, value) -> fields.read(name, value, events, input));
    } catch (RuntimeException e) {
      throw fields.knownFormat() ? invalid(e, input) : notEnvelope(format, input);
    }
    if (!fields.knownFormat()) {
      throw notEnvelope(format, input);
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
    EventReader.Draft draft;
    try {
      draft = events.read(in, input);
    } catch (RuntimeException e) {
      throw invalid(e, input);
    }
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

    boolean knownFormat() {
      return EnvelopeCodec.TRANSACTION_FORMAT.equals(format) || compact();
    }

    private boolean compact() {
      return EnvelopeCodec.COMPACT_TRANSACTION_FORMAT.equals(format);
    }

    void read(String name, JsonParser in, EventReader reader, Object input) throws IOException {
      switch (name) {
        case "format" -> format = Tokens.optionalText(in);
        case "xid" -> xid = in.getValueAsLong();
        case "begin_lsn" -> beginLsn = Tokens.text(in, name);
        case "commit_lsn" -> commitLsn = Tokens.text(in, name);
        case "end_lsn" -> endLsn = Tokens.text(in, name);
        case "commit_time" -> commitTime = Tokens.text(in, name);
        case "part" -> part = in.getValueAsInt();
        case "last_part" -> lastPart = in.getValueAsBoolean();
        case "events" -> {
          events.clear();
          Tokens.objects(
              in,
              name,
              (index, event) -> {
                try {
                  events.add(reader.read(event, input));
                } catch (RuntimeException e) {
                  throw Tokens.at("event " + index, e);
                } catch (JsonProcessingException e) {
                  throw Tokens.at("event " + index, Tokens.notJson(e));
                }
              });
        }
        default -> {}
      }
    }

    Transaction transaction() {
      List<ChangeEvent> read = new ArrayList<>(events.size());
      Map<List<String>, EventReader.Draft> described = compact() ? new HashMap<>() : null;
      for (int index = 0; index < events.size(); index++) {
        try {
          read.add(events.get(index).event(described));
        } catch (RuntimeException e) {
          throw Tokens.at("event " + index, e);
        }
      }
      return new Transaction(
          xid,
          Lsn.parse(Tokens.required(beginLsn, "begin_lsn")),
          Lsn.parse(Tokens.required(commitLsn, "commit_lsn")),
          Lsn.parse(Tokens.required(endLsn, "end_lsn")),
          InstantText.parse(Tokens.required(commitTime, "commit_time")),
          read,
          part,
          lastPart);
    }
  }
}
