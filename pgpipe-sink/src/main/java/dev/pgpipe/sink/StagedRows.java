package dev.pgpipe.sink;

import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.CopyText;
import dev.pgpipe.copy.EncodingException;
import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.WireBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Loads a step's rows into a {@link StagingTable}, in the caller's transaction: by binary COPY,
 * encoded by pgpipe-copy's codecs, into the session's reused table when every column type has a
 * codec and every value fits it exactly ({@link BinaryExact}); otherwise by COPY text of {@link
 * ValueText} into a table of the step's own, which the server parses with each column type's input
 * function. A value a codec refuses (an Integer for an int8 column, text for an interval) therefore
 * still reaches the server, which converts it or refuses it exactly as it did before the codecs.
 * Stateless.
 *
 * <p>A row is an {@code Object[]}: {@code _kind} (Character), {@code _del} (Boolean), {@code _unch}
 * (List of Boolean, or null), then the staged values (null for NULL and unchanged values).
 */
final class StagedRows {

  private StagedRows() {}

  /** Creates or prepares the staging table, loads {@code rows} and returns the table. */
  static StagingTable load(
      RunningTransaction tx, Connection connection, List<TargetColumn> columns, List<Object[]> rows)
      throws SQLException {
    Optional<StagingTable> reused = StagingTable.reusedFor(columns);
    WireBuffer binary = reused.isPresent() ? binary(reused.get(), rows) : null;
    if (reused.isPresent() && binary != null) {
      StagingTable stage = reused.get();
      execute(connection, stage.prepareSql());
      copy(tx, stage.binaryCopySql(), binary.array(), binary.size());
      return stage;
    }
    StagingTable stage = StagingTable.forColumns(columns);
    byte[] text = text(rows).getBytes(StandardCharsets.UTF_8);
    execute(connection, stage.createSql());
    copy(tx, stage.copySql(), text, text.length);
    return stage;
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }

  private static void copy(RunningTransaction tx, String sql, byte[] data, int length) {
    try (CopyIn copy = tx.openCopyIn(sql)) {
      copy.write(data, 0, length);
      copy.finish();
    }
  }

  /** The rows as a binary COPY stream, or null when a value has no exact binary form. */
  private static @Nullable WireBuffer binary(StagingTable stage, List<Object[]> rows) {
    RowEncoder<Object[]> encoder = RowEncoder.of(stage.copyTable());
    WireBuffer out = new WireBuffer(Math.max(1024, rows.size() * 64));
    BinaryCopy.writeHeader(out);
    try {
      for (int i = 0; i < rows.size(); i++) {
        Object[] row = rows.get(i);
        if (!BinaryExact.all(row)) {
          return null;
        }
        encoder.encode(row, out, i);
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
