package dev.pgpipe.cdc;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/** Streamed transactions for tests that need no database: inserts into {@code public.t}. */
final class Transactions {

  static final TableSchema TABLE = new TableSchema("public", "t", 'd', List.of());

  private Transactions() {}

  /**
   * Part {@code part} of transaction {@code xid} ending at LSN {@code end} (commit at {@code end -
   * 1}), holding {@code events} inserts of {@code row}.
   */
  static Transaction streamed(
      long xid,
      long end,
      Instant commit,
      int part,
      boolean last,
      int events,
      Map<String, Object> row) {
    List<ChangeEvent> list =
        IntStream.range(0, events)
            .mapToObj(
                i ->
                    new ChangeEvent(
                        Operation.INSERT,
                        TABLE,
                        null,
                        row,
                        null,
                        0,
                        new EventPosition(end - 1, xid, commit, i)))
            .toList();
    return new Transaction(xid, end - 2, end - 1, end, commit, list, part, last);
  }
}
