package dev.pgpipe.cli.killed;

import dev.pgpipe.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A seeded source workload whose transactions straddle every boundary a pipeline cuts them at: 1
 * change, part size − 1, part size, part size + 1 and 2.5 × part size, interleaved with small ones,
 * each statement changing exactly one row so that a transaction's size is its number of change
 * events. It mixes inserts, updates and deletes over two tables: {@code ev}, whose rows come and
 * go, and {@code acc}, whose fixed rows are only updated. One thread runs it; {@link #committed()}
 * may be read from any.
 */
final class SplitWorkload {

  static final String[] TABLES = {"ev", "acc"};
  static final String EV = "CREATE TABLE ev (id int PRIMARY KEY, v text, n int NOT NULL)";
  static final String ACC = "CREATE TABLE acc (id int PRIMARY KEY, b int NOT NULL)";
  private static final int EXISTING_EV = 300;
  private static final int ACCOUNTS = 500;

  private final TestDatabase db;
  private final Random random;
  private final int partSize;
  private final List<Integer> liveEv = new ArrayList<>();
  private final AtomicInteger committed = new AtomicInteger();
  private final List<Integer> sizes = new ArrayList<>();
  private int nextEv = EXISTING_EV + 1;

  SplitWorkload(TestDatabase db, long seed, int partSize) {
    this.db = db;
    this.random = new Random(seed);
    this.partSize = partSize;
  }

  /** Creates both tables on {@code target}, or on the source with the rows a snapshot copies. */
  static void createTables(TestDatabase db, boolean withRows) {
    db.execute(EV, ACC);
    if (withRows) {
      db.execute(
          "INSERT INTO ev SELECT g, 'initial ' || g, 0 FROM generate_series(1, "
              + EXISTING_EV
              + ") g",
          "INSERT INTO acc SELECT g, 0 FROM generate_series(1, " + ACCOUNTS + ") g");
    }
  }

  /** Marks the source's existing rows as known; call once after {@link #createTables}. */
  SplitWorkload afterSnapshotRows() {
    for (int id = 1; id <= EXISTING_EV; id++) {
      liveEv.add(id);
    }
    return this;
  }

  /** Commits {@code count} more transactions. */
  void run(int count) {
    try (Connection c = db.connect()) {
      c.setAutoCommit(false);
      for (int i = 0; i < count; i++) {
        int size = nextSize();
        for (int op = 0; op < size; op++) {
          operation(c);
        }
        c.commit();
        sizes.add(size);
        committed.incrementAndGet();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("workload failed after " + committed.get() + " commits", e);
    }
  }

  private int nextSize() {
    return switch (random.nextInt(8)) {
      case 0 -> 1;
      case 1 -> partSize - 1;
      case 2 -> partSize;
      case 3 -> partSize + 1;
      case 4 -> partSize * 5 / 2;
      default -> 1 + random.nextInt(3);
    };
  }

  private void operation(Connection c) throws SQLException {
    int kind = random.nextInt(10);
    if (kind < 4 || liveEv.isEmpty()) {
      int id = nextEv++;
      liveEv.add(id);
      update(c, "INSERT INTO ev VALUES (?, 'new', ?)", id, random.nextInt(1000));
    } else if (kind < 6) {
      int id = liveEv.get(random.nextInt(liveEv.size()));
      update(c, "UPDATE ev SET v = 'upd', n = n + ? WHERE id = ?", 1 + random.nextInt(9), id);
    } else if (kind < 7) {
      int id = liveEv.remove(random.nextInt(liveEv.size()));
      update(c, "DELETE FROM ev WHERE id = ? AND ? >= 0", id, 0);
    } else {
      update(c, "UPDATE acc SET b = b + ? WHERE id = ?", random.nextInt(100) - 50, account());
    }
  }

  private int account() {
    return 1 + random.nextInt(ACCOUNTS);
  }

  private static void update(Connection c, String sql, int first, int second) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setInt(1, first);
      s.setInt(2, second);
      if (s.executeUpdate() != 1) {
        throw new IllegalStateException("expected to change one row: " + sql);
      }
    }
  }

  int committed() {
    return committed.get();
  }

  /** The sizes of the transactions committed so far, in order. */
  List<Integer> sizes() {
    return List.copyOf(sizes);
  }
}
