package dev.pgpipe.cdc.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.pgpipe.cdc.ChangeEvent;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.pgoutput.Lsn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Encodes transactions and events as single-line JSON envelopes and decodes them back, exactly:
 * {@code decode(encode(x))} equals {@code x} value for value (byte arrays compared by content). The
 * format is documented in {@code pgpipe-cdc/ENVELOPE.md}. A codec made by {@link #compact()} writes
 * transactions in format 2, which gives a table's {@code key} and {@code columns} once per envelope
 * instead of in every event; every codec reads both. Thread-safe.
 */
public final class EnvelopeCodec {

  public static final String TRANSACTION_FORMAT = "pgpipe.cdc.transaction/1";
  public static final String COMPACT_TRANSACTION_FORMAT = "pgpipe.cdc.transaction/2";
  public static final String EVENT_FORMAT = "pgpipe.cdc.event/1";

  private final JsonFactory factory = new JsonFactory();
  private final ObjectMapper reader =
      new ObjectMapper()
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private final EnvelopeReader envelopes = new EnvelopeReader(reader);
  private final boolean compact;

  /** A codec that writes transactions in format 1: every event carries its table in full. */
  public EnvelopeCodec() {
    this(false);
  }

  private EnvelopeCodec(boolean compact) {
    this.compact = compact;
  }

  /**
   * A codec that writes transactions in format 2: an event whose table is described as by the event
   * of that table before it in the same envelope leaves out {@code key} and {@code columns}. Events
   * alone are written as by any codec.
   */
  public static EnvelopeCodec compact() {
    return new EnvelopeCodec(true);
  }

  /** The format this codec writes transactions in. */
  public String transactionFormat() {
    return compact ? COMPACT_TRANSACTION_FORMAT : TRANSACTION_FORMAT;
  }

  /** One transaction as one line of JSON (no line break). */
  public String encode(Transaction transaction) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      writeTransaction(out, transaction);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** One event as one line of JSON (no line break). */
  public String encode(ChangeEvent event) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = factory.createGenerator(text)) {
      writeEvent(out, event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /** Writes the transaction's JSON (UTF-8, no line break) to the stream, without closing it. */
  public void write(Transaction transaction, OutputStream sink) throws IOException {
    try (JsonGenerator out = factory.createGenerator(new NonClosing(sink), JsonEncoding.UTF8)) {
      writeTransaction(out, transaction);
    }
  }

  /** Writes the event's JSON (UTF-8, no line break) to the stream, without closing it. */
  public void write(ChangeEvent event, OutputStream sink) throws IOException {
    try (JsonGenerator out = factory.createGenerator(new NonClosing(sink), JsonEncoding.UTF8)) {
      writeEvent(out, event);
    }
  }

  /** The event as UTF-8 JSON bytes. */
  public byte[] encodeBytes(ChangeEvent event) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try {
      write(event, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private void writeTransaction(JsonGenerator out, Transaction transaction) throws IOException {
    TableJson tables = new TableJson(factory, compact);
    out.writeStartObject();
    out.writeStringField("format", transactionFormat());
    out.writeNumberField("xid", transaction.xid());
    out.writeStringField("begin_lsn", Lsn.format(transaction.beginLsn()));
    out.writeStringField("commit_lsn", Lsn.format(transaction.commitLsn()));
    out.writeStringField("end_lsn", Lsn.format(transaction.endLsn()));
    out.writeStringField("commit_time", InstantText.format(transaction.commitTime()));
    out.writeNumberField("part", transaction.part());
    out.writeBooleanField("last_part", transaction.lastPart());
    out.writeArrayFieldStart("events");
    for (ChangeEvent event : transaction.events()) {
      out.writeStartObject();
      EventJson.writeFields(out, event, tables);
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeEndObject();
  }

  private void writeEvent(JsonGenerator out, ChangeEvent event) throws IOException {
    out.writeStartObject();
    out.writeStringField("format", EVENT_FORMAT);
    EventJson.writeFields(out, event, new TableJson(factory, false));
    out.writeEndObject();
  }

  /** Decodes a line written by {@link #encode(Transaction)}, in format 1 or 2. */
  public Transaction decodeTransaction(String line) {
    return read(() -> reader.createParser(line), in -> envelopes.transaction(in, line));
  }

  /** Decodes UTF-8 bytes written by {@link #write(Transaction, OutputStream)}, format 1 or 2. */
  public Transaction decodeTransaction(byte[] json) {
    return read(() -> reader.createParser(json), in -> envelopes.transaction(in, json));
  }

  /** Decodes a line written by {@link #encode(ChangeEvent)}. */
  public ChangeEvent decodeEvent(String line) {
    return read(() -> reader.createParser(line), in -> envelopes.event(in, line, EVENT_FORMAT));
  }

  /**
   * Decodes UTF-8 bytes written by {@link #encodeBytes(ChangeEvent)}; the format is not checked.
   */
  public ChangeEvent decodeEvent(byte[] json) {
    return read(() -> reader.createParser(json), in -> envelopes.event(in, json, null));
  }

  private interface Opening {
    JsonParser open() throws IOException;
  }

  private interface Reading<T> {
    T read(JsonParser in) throws IOException;
  }

  private static <T> T read(Opening opening, Reading<T> reading) {
    try (JsonParser in = opening.open()) {
      return reading.read(in);
    } catch (JsonProcessingException e) {
      throw Tokens.notJson(e);
    } catch (IOException e) {
      throw new EnvelopeException("cannot read the envelope: " + e.getMessage(), e);
    }
  }
}
