package dev.pgpipe.cdc;

import dev.pgpipe.cdc.pgoutput.TupleData;
import dev.pgpipe.cdc.pgoutput.TupleValue;
import dev.pgpipe.cdc.value.ValueDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** pgoutput tuples into row maps, by the relation's column types. */
final class RowDecoder {

  private final ValueDecoder values;

  RowDecoder(ValueDecoder values) {
    this.values = values;
  }

  /**
   * The row as a map in column order; with {@code keyOnly}, only the key columns (a 'K' tuple sends
   * the others as nulls that mean "not sent").
   */
  Map<String, @Nullable Object> row(
      TupleData tuple, RelationCache.Entry relation, boolean keyOnly, long lsn) {
    List<Column> columns = relation.schema().columns();
    if (tuple.size() != columns.size()) {
      throw new CdcException(
          "tuple of "
              + relation.schema().qualifiedName()
              + " has "
              + tuple.size()
              + " columns, its Relation message "
              + columns.size(),
          null,
          "",
          lsn,
          null);
    }
    Map<String, @Nullable Object> row = new LinkedHashMap<>(columns.size() * 2);
    for (int i = 0; i < columns.size(); i++) {
      Column column = columns.get(i);
      if (!keyOnly || column.key()) {
        row.put(column.name(), value(tuple.get(i), relation, i, lsn));
      }
    }
    return row;
  }

  private @Nullable Object value(TupleValue value, RelationCache.Entry relation, int i, long lsn) {
    return switch (value) {
      case TupleValue.Null n -> null;
      case TupleValue.Unchanged u -> Unchanged.VALUE;
      case TupleValue.Text text -> {
        try {
          yield values.decode(text.text(), relation.types().get(i), relation.oids().get(i));
        } catch (RuntimeException e) {
          throw new CdcException(
              "column "
                  + relation.schema().qualifiedName()
                  + "."
                  + relation.schema().columns().get(i).name()
                  + ": "
                  + e.getMessage(),
              null,
              "",
              lsn,
              e);
        }
      }
      case TupleValue.Binary b ->
          throw new CdcException(
              "binary tuple values are not supported; do not set the binary option",
              null,
              "",
              lsn,
              null);
    };
  }
}
