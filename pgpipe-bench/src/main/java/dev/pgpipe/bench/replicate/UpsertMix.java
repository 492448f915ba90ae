package dev.pgpipe.bench.replicate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE} of one row each, over a limited key space ({@code
 * keys} accounts, twice as many orders, {@code keys} events), in transactions of {@code
 * perTransaction}: once the keys are taken most upserts are updates, and keys repeat within a
 * transaction. An account's update leaves its profile (TOASTed for one account in five) alone.
 * Deterministic for a seed; not thread-safe.
 */
final class UpsertMix implements Workload {

  private final long changes;
  private final int perTransaction;
  private final int keys;
  private final SplittableRandom random;
  private final Values values;

  UpsertMix(long changes, int perTransaction, int keys, long seed) {
    if (changes < 0 || perTransaction < 1 || keys < 1) {
      throw new IllegalArgumentException(
          "changes >= 0, perTransaction >= 1, keys >= 1: "
              + changes
              + ", "
              + perTransaction
              + ", "
              + keys);
    }
    this.changes = changes;
    this.perTransaction = perTransaction;
    this.keys = keys;
    this.random = new SplittableRandom(seed);
    this.values = new Values(random);
  }

  @Override
  public String name() {
    return "upsert";
  }

  @Override
  public Iterator<List<Change>> transactions() {
    return new Iterator<>() {
      private long planned;

      @Override
      public boolean hasNext() {
        return planned < changes;
      }

      @Override
      public List<Change> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        int size = (int) Math.min(perTransaction, changes - planned);
        planned += size;
        List<Change> transaction = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          transaction.add(upsert());
        }
        return transaction;
      }
    };
  }

  private Change upsert() {
    int table = random.nextInt(4);
    if (table == 0) {
      long id = 1 + random.nextInt(keys);
      return Change.of(
          "INSERT INTO accounts (id, name, balance, tags, profile, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
              + " balance = EXCLUDED.balance, tags = EXCLUDED.tags,"
              + " updated_at = EXCLUDED.updated_at",
          id,
          "account-" + id,
          values.money(),
          values.tags(),
          id % 5 == 0 ? values.longText() : "short profile " + id,
          values.time());
    }
    return table < 3 ? order() : event();
  }

  private Change order() {
    long id = 1 + random.nextInt(2 * keys);
    List<Integer> quantities = new ArrayList<>();
    return Change.of(
        "INSERT INTO orders (id, account_id, status, items, quantities, total)"
            + " VALUES (?, ?, ?, ?::jsonb, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            + " status = EXCLUDED.status, items = EXCLUDED.items,"
            + " quantities = EXCLUDED.quantities, total = EXCLUDED.total",
        id,
        (long) random.nextInt(keys),
        values.status(),
        values.items(quantities),
        quantities,
        values.money());
  }

  private Change event() {
    long id = 1 + random.nextInt(keys);
    return Change.of(
        "INSERT INTO events (id, account_id, kind, payload, at) VALUES (?, ?, ?, ?::jsonb, ?)"
            + " ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload, at = EXCLUDED.at",
        id,
        (long) random.nextInt(keys),
        values.kind(),
        values.payload(),
        values.time());
  }
}
