package dev.pgpipe.sink;

import dev.pgpipe.cdc.Unchanged;
import dev.pgpipe.client.CopyIn;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.RunningTransaction;
import dev.pgpipe.copy.EncodingException;
import dev.pgpipe.copy.RowEncoder;
import dev.pgpipe.copy.Table;
import dev.pgpipe.copy.codec.BinaryCopy;
import dev.pgpipe.copy.codec.PgType;
import dev.pgpipe.copy.codec.WireBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The fast path of a set-based step whose rows are all new ({@link TableChanges#allNew()}): binary
 * COPY straight into the target table, as the server's own bulk load, with no staging table and no
 * {@code ON CONFLICT}. It is tried under a savepoint; when the target refuses anything (a key that
 * exists after all, a constraint, a value, a target that does not take COPY), it is rolled back and
 * the step goes the array or staged way, which applies or refuses each row exactly as without this
 * path. A transient failure ends the attempt as anywhere else. Only steps whose every column has a
 * pgpipe-copy codec and every value fits it exactly take this path. Stateless.
 */
final class DirectCopy {

  private DirectCopy() {}

  /** Copies the rows into the target; false when they must go another way instead. */
  static boolean apply(RunningTransaction tx, Connection connection, TableChanges changes)
      throws SQLException {
    if (!changes.allNew()) {
      return false;
    }
    WireBuffer data = encode(changes);
    if (data == null) {
      return false;
    }
    Savepoint savepoint = connection.setSavepoint();
    try (CopyIn copy = tx.openCopyIn(copySql(changes))) {
      copy.write(data.array(), 0, data.size());
      copy.finish();
    } catch (PgException e) {
      Transience.rethrowIfTransient(e);
      connection.rollback(savepoint);
      return false;
    }
    connection.releaseSavepoint(savepoint);
    return true;
  }

  private static String copySql(TableChanges changes) {
    List<String> names = changes.columns().stream().map(TargetColumn::name).toList();
    return "COPY "
        + changes.table().qualified()
        + " ("
        + Identifier.quoteAll(names)
        + ") FROM STDIN (FORMAT binary)";
  }

  /** The rows as a binary COPY stream, or null when a column or value has no exact codec. */
  private static @Nullable WireBuffer encode(TableChanges changes) {
    List<PgType> types = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (TargetColumn column : changes.columns()) {
      PgType type = StagingTable.codec(column);
      if (type == null) {
        return null;
      }
      types.add(type);
      names.add(column.name());
    }
    RowEncoder<Object[]> encoder =
        RowEncoder.of(Table.forArrays(changes.table().qualified(), names, types));
    WireBuffer out = new WireBuffer(Math.max(1024, changes.rows().size() * 64));
    BinaryCopy.writeHeader(out);
    long number = 0;
    try {
      for (RowChange row : changes.rows()) {
        Object[] values = row.values().toArray();
        for (Object value : values) {
          if (value == Unchanged.VALUE || (value != null && !BinaryExact.exact(value))) {
            return null;
          }
        }
        encoder.encode(values, out, number++);
      }
    } catch (EncodingException e) {
      return null;
    }
    BinaryCopy.writeTrailer(out);
    return out;
  }
}
