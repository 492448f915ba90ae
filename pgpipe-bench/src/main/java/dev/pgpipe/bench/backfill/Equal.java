package dev.pgpipe.bench.backfill;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;

/** Whether a table has the same rows on both sides: count and an order-free hash of every row. */
final class Equal {

  private Equal() {}

  static boolean tables(ConnectionSettings source, ConnectionSettings target, String table) {
    return sum(source, table).equals(sum(target, table));
  }

  private static String sum(ConnectionSettings settings, String table) {
    try (Database db = BackfillBenchCommand.open(settings)) {
      return db.sql(
              "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM "
                  + table
                  + " t")
          .scalar(String.class);
    }
  }
}
