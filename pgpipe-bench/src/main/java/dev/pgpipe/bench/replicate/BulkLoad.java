package dev.pgpipe.bench.replicate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Big transactions generated on the server, for a scale {@code n}: {@code n/2} accounts (one in ten
 * with a TOASTed profile), {@code n} orders, {@code n} events in four transactions, then an update
 * of half the orders, a key change of a fifth of them, a delete of a quarter of the events and an
 * update of every account that leaves the profiles alone: about {@code 4n} row changes in
 * transactions of {@code n/5} to {@code n} rows.
 */
final class BulkLoad implements Workload {

  private static final String TOAST =
      "(SELECT string_agg(md5(g::text || '-' || i), '') FROM generate_series(1, 80) i)";

  private final long n;

  BulkLoad(long n) {
    if (n < 20) {
      throw new IllegalArgumentException("bulk scale must be >= 20: " + n);
    }
    this.n = n;
  }

  @Override
  public String name() {
    return "bulk";
  }

  @Override
  public Iterator<List<Change>> transactions() {
    List<List<Change>> all = new ArrayList<>();
    all.add(
        one(
            "INSERT INTO accounts (id, name, balance, tags, profile, updated_at)"
                + " SELECT g, 'account-' || g, (g % 100000) / 100.0,"
                + " ARRAY['tag' || (g % 7), 'tag' || (g % 11)],"
                + " CASE WHEN g % 10 = 0 THEN "
                + TOAST
                + " ELSE md5(g::text) END,"
                + " timestamptz '2026-01-01' + g * interval '1 second'"
                + " FROM generate_series(1::int8, ?::int8) g",
            n / 2));
    all.add(
        one(
            "INSERT INTO orders (id, account_id, status, items, quantities, total)"
                + " SELECT g, 1 + g % ?::int8, 'new',"
                + " jsonb_build_array(jsonb_build_object('sku', 'sku-' || (g % 500), 'qty',"
                + " 1 + g % 5)), ARRAY[1 + (g % 5)::int, (g % 3)::int], (g % 10000) / 100.0"
                + " FROM generate_series(1::int8, ?::int8) g",
            n / 2, n));
    for (long part = 0; part < 4; part++) {
      all.add(
          one(
              "INSERT INTO events (id, account_id, kind, payload, at)"
                  + " SELECT g, 1 + g % ?::int8, 'kind-' || (g % 5), jsonb_build_object('n', g),"
                  + " timestamptz '2026-01-01' + g * interval '1 second'"
                  + " FROM generate_series(?::int8, ?::int8) g",
              n / 2, part * n / 4 + 1, (part + 1) * n / 4));
    }
    all.add(one("UPDATE orders SET status = 'paid', total = total + 1 WHERE id % 2 = 0"));
    all.add(one("UPDATE orders SET id = id + " + Keys.REKEY_OFFSET + " WHERE id % 5 = 1"));
    all.add(one("DELETE FROM events WHERE id % 4 = 0"));
    all.add(one("UPDATE accounts SET balance = balance + 1"));
    return all.iterator();
  }

  private static List<Change> one(String sql, Object... parameters) {
    return List.of(Change.of(sql, parameters));
  }
}
