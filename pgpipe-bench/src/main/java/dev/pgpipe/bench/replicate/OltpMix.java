package dev.pgpipe.bench.replicate;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * OLTP-style transactions of 1 to {@code maxChanges} row changes (skewed towards larger ones) over
 * the three tables, starting from empty tables: inserts, updates, deletes and primary-key changes;
 * long TOASTed profiles, some updates leaving them alone; jsonb and arrays; keys that repeat within
 * and across transactions ({@link Keys}). Every statement changes exactly one row. Deterministic
 * for a seed; not thread-safe.
 */
final class OltpMix implements Workload {

  private final int transactions;
  private final int maxChanges;
  private final SplittableRandom random;
  private final Values values;
  private final Keys accounts = new Keys();
  private final Keys orders = new Keys();
  private final Keys events = new Keys();

  OltpMix(int transactions, int maxChanges, long seed) {
    if (transactions < 0 || maxChanges < 1) {
      throw new IllegalArgumentException(
          "transactions >= 0 and maxChanges >= 1: " + transactions + ", " + maxChanges);
    }
    this.transactions = transactions;
    this.maxChanges = maxChanges;
    this.random = new SplittableRandom(seed);
    this.values = new Values(random);
  }

  @Override
  public String name() {
    return "oltp";
  }

  @Override
  public Iterator<List<Change>> transactions() {
    return new Iterator<>() {
      private int planned;

      @Override
      public boolean hasNext() {
        return planned < transactions;
      }

      @Override
      public List<Change> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        planned++;
        return nextTransaction();
      }
    };
  }

  /** The next transaction, whatever the count given at construction (for a steady run). */
  List<Change> nextTransaction() {
    int size = 1 + (int) Math.floor(maxChanges * Math.pow(random.nextDouble(), 0.8));
    List<Change> changes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      int table = random.nextInt(100);
      changes.add(table < 35 ? account() : table < 75 ? order() : event());
    }
    return changes;
  }

  private Change account() {
    int op = random.nextInt(100);
    if (accounts.isEmpty() || op < 25) {
      long id = accounts.add();
      return Change.of(
          "INSERT INTO accounts (id, name, balance, tags, profile, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?)",
          id,
          "account-" + id,
          values.money(),
          values.tags(),
          values.profile(),
          values.time());
    }
    int at = accounts.pick(random);
    long id = accounts.get(at);
    if (op < 60) {
      return Change.of(
          "UPDATE accounts SET balance = balance + ?, updated_at = ? WHERE id = ?",
          values.money(),
          values.time(),
          id);
    }
    if (op < 70) {
      return Change.of("UPDATE accounts SET profile = ? WHERE id = ?", values.longText(), id);
    }
    if (op < 85) {
      return Change.of("UPDATE accounts SET tags = ? WHERE id = ?", values.tags(), id);
    }
    if (op < 95) {
      return Change.of("UPDATE accounts SET id = ? WHERE id = ?", accounts.rekey(at), id);
    }
    accounts.remove(at);
    return Change.of("DELETE FROM accounts WHERE id = ?", id);
  }

  private Change order() {
    int op = random.nextInt(100);
    if (orders.isEmpty() || op < 35) {
      long id = orders.add();
      List<Integer> quantities = new ArrayList<>();
      return Change.of(
          "INSERT INTO orders (id, account_id, status, items, quantities, total)"
              + " VALUES (?, ?, ?, ?::jsonb, ?, ?)",
          id,
          (long) random.nextInt(5_000),
          values.status(),
          values.items(quantities),
          quantities,
          values.money());
    }
    int at = orders.pick(random);
    long id = orders.get(at);
    if (op < 65) {
      return Change.of(
          "UPDATE orders SET status = ?, total = total + 1 WHERE id = ?", values.status(), id);
    }
    if (op < 80) {
      List<Integer> quantities = new ArrayList<>();
      return Change.of(
          "UPDATE orders SET items = ?::jsonb, quantities = ? WHERE id = ?",
          values.items(quantities),
          quantities,
          id);
    }
    if (op < 85) {
      return Change.of("UPDATE orders SET id = ? WHERE id = ?", orders.rekey(at), id);
    }
    orders.remove(at);
    return Change.of("DELETE FROM orders WHERE id = ?", id);
  }

  private Change event() {
    int op = random.nextInt(100);
    if (events.isEmpty() || op < 70) {
      long id = events.add();
      return Change.of(
          "INSERT INTO events (id, account_id, kind, payload, at) VALUES (?, ?, ?, ?::jsonb, ?)",
          id,
          (long) random.nextInt(5_000),
          values.kind(),
          values.payload(),
          values.time());
    }
    int at = events.pick(random);
    long id = events.get(at);
    if (op < 85) {
      return Change.of("UPDATE events SET payload = ?::jsonb WHERE id = ?", values.payload(), id);
    }
    events.remove(at);
    return Change.of("DELETE FROM events WHERE id = ?", id);
  }
}
