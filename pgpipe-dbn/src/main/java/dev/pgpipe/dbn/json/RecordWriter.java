package dev.pgpipe.dbn.json;

import dev.pgpipe.dbn.RecordRef;
import org.jspecify.annotations.Nullable;

/**
 * Writes decoded records as text, one line each, in the shape of Databento's {@code dbn} tool:
 *
 * <ul>
 *   <li>JSON: the header nested as {@code "hd"} ({@code ts_event}, {@code rtype}, {@code
 *       publisher_id}, {@code instrument_id}); 64-bit integers (prices, timestamps, ids, 64-bit
 *       quantities) as strings, other numbers as numbers; {@code c_char} fields as one-character
 *       strings escaped as Rust's {@code ascii::escape_default} does, a NUL as {@code null};
 *       fixed-size strings up to their first NUL; book levels as an array {@code "levels"} of
 *       objects; reserved bytes left out; {@code ts_out} last when present. Members come in the
 *       tool's order for each record type (see {@link ToolOrder}: {@code ts_recv} first where the
 *       tool puts it there, then the header, then e.g. {@code action, side, price} for MBO). With
 *       pretty timestamps, 0 and UNDEF are null.
 *   <li>CSV: a header row with the same names (the header flattened, levels as {@code bid_px_00},
 *       ...), written again whenever the record layout changes in a mixed stream.
 * </ul>
 *
 * <p>Typical use, a file to JSON lines:
 *
 * <pre>{@code
 * try (DbnDecoder decoder = DbnDecoder.open(path, DecodeOptions.defaults())) {
 *   RecordWriter writer = RecordWriter.json(System.out, TextOptions.raw());
 *   while (decoder.next()) {
 *     writer.write(decoder.record());
 *   }
 * }
 * }</pre>
 *
 * I/O failures of the {@link Appendable} surface as {@link java.io.UncheckedIOException}. Not
 * thread-safe.
 */
public interface RecordWriter {
  /** JSON lines. */
  static RecordWriter json(Appendable out, TextOptions options) {
    return new JsonRecordWriter(out, options);
  }

  /** CSV with a header row. */
  static RecordWriter csv(Appendable out, TextOptions options) {
    return new CsvRecordWriter(out, options);
  }

  /**
   * Writes one record; {@code symbol} is appended as field {@code symbol} when the options ask to
   * map symbols (null writes null, or an empty CSV field). Records of unknown type are skipped.
   */
  void write(RecordRef record, @Nullable String symbol);

  /** Writes one record without a symbol. */
  default void write(RecordRef record) {
    write(record, null);
  }
}
