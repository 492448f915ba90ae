package dev.pgpipe.cdc.pgoutput;

import java.util.List;

/** The columns of one row in a pgoutput message, in the relation's column order. */
public record TupleData(List<TupleValue> values) {
  public TupleData {
    values = List.copyOf(values);
  }

  public int size() {
    return values.size();
  }

  public TupleValue get(int index) {
    return values.get(index);
  }
}
