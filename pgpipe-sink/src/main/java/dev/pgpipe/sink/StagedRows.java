package dev.pgpipe.sink;

import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.CopyText;
import dev.pgpipe.copy.EncodingException;
import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.WireBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Creates a step's {@link StagingTable} and COPYs its rows in, in the caller's transaction: binary
 * COPY encoded by pgpipe-copy's codecs when the table is {@link StagingTable#binary()} and every
 * value fits its codec, else COPY text of {@link ValueText}, which the server parses with each
 * column type's input function. A value a codec refuses (an Integer for an int8 column, text for an
 * interval) therefore still reaches the server, which converts it or refuses it exactly as it would
 * have without the codecs. Stateless.
 *
 * <p>A row is an {@code Object[]}: {@code _kind} (Character), {@code _del} (Boolean), {@code _unch}
 * (List of Boolean), then the staged values (null for NULL and for unchanged values).
 */
final class StagedRows {

  private StagedRows() {}

  /** Creates the staging table and loads {@code rows}; returns the rows the server counted. */
  static long load(RunningTransaction tx, StagingTable stage, List<Object[]> rows) {
    byte[] data;
    int length;
    String copySql;
    WireBuffer binary = stage.binary() ? binary(stage, rows) : null;
    if (binary != null) {
      data = binary.array();
      length = binary.size();
      copySql = stage.binaryCopySql();
    } else {
      data = text(rows).getBytes(StandardCharsets.UTF_8);
      length = data.length;
      copySql = stage.copySql();
    }
    tx.sql(stage.createSql()).update();
    try (CopyIn copy = tx.openCopyIn(copySql)) {
      copy.write(data, 0, length);
      return copy.finish();
    }
  }

  /** The rows as a binary COPY stream, or null when a codec refused a value. */
  private static @Nullable WireBuffer binary(StagingTable stage, List<Object[]> rows) {
    RowEncoder<Object[]> encoder = RowEncoder.of(stage.copyTable());
    WireBuffer out = new WireBuffer(Math.max(1024, rows.size() * 64));
    BinaryCopy.writeHeader(out);
    try {
      for (int i = 0; i < rows.size(); i++) {
        encoder.encode(rows.get(i), out, i);
      }
    } catch (EncodingException e) {
      return null;
    }
    BinaryCopy.writeTrailer(out);
    return out;
  }

  private static String text(List<Object[]> rows) {
    StringBuilder out = new StringBuilder(rows.size() * 64);
    for (Object[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        Object value = row[i];
        out.append(i == 0 ? "" : "\t");
        CopyText.appendField(out, value == null ? null : ValueText.text(value));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
