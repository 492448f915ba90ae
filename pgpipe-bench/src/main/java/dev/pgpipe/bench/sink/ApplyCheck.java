package dev.pgpipe.bench.sink;

import dev.pgpipe.client.Database;

/** The check after every run: row count and an order-independent checksum of every row. */
final class ApplyCheck {

  private ApplyCheck() {}

  /** {@code count:sum of hashtext(row)} of {@code table}. */
  static String checksum(Database db, String table) {
    return db.sql(
            "SELECT count(*) || ':' || coalesce(sum(hashtext(t::text)::int8), 0) FROM "
                + table
                + " t")
        .scalar(String.class);
  }
}
