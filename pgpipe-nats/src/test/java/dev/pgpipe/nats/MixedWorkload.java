package dev.pgpipe.nats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.testkit.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Source transactions of an exact number of row changes (each statement changes one row, so one
 * statement is one event), over three tables with inserts, updates, deletes, key changes and keys
 * that come back after a delete; and a row-by-row comparison of source and target. Seeded: print
 * {@link #seed()} when a comparison fails. Not thread-safe.
 */
final class MixedWorkload {

  /** The tables; {@link #ORDER} holds the key each one's rows are compared in. */
  static final List<String> TABLES = List.of("acct", "line", "tag");

  /** The key of the {@code tag} row the last transaction of a script inserts. */
  static final String END = "end";

  private static final List<String> ORDER = List.of("id", "id", "k");

  private final long seed;
  private final Random random;
  private final List<List<Long>> live =
      List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  private final List<List<Long>> gone =
      List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
  private long nextKey = 1;

  MixedWorkload(long seed) {
    this.seed = seed;
    this.random = new Random(seed);
  }

  /** With the seed given as {@code -Dpgpipe.seed=...} (to repeat a failure), else a new one. */
  static MixedWorkload seeded() {
    return new MixedWorkload(Long.getLong("pgpipe.seed", System.nanoTime()));
  }

  long seed() {
    return seed;
  }

  static void createTables(TestDatabase... databases) {
    for (TestDatabase db : databases) {
      db.execute(
          "CREATE TABLE acct (id int PRIMARY KEY, owner text NOT NULL, balance bigint NOT NULL)",
          "CREATE TABLE line (id bigint PRIMARY KEY, acct int NOT NULL, amount int NOT NULL,"
              + " note text)",
          "CREATE TABLE tag (k text PRIMARY KEY, v int NOT NULL)");
    }
  }

  /** Rows that exist before the change stream starts (an initial snapshot copies them). */
  void existingRows(TestDatabase source, int perTable) {
    List<String> statements = new ArrayList<>();
    for (int table = 0; table < TABLES.size(); table++) {
      for (int i = 0; i < perTable; i++) {
        statements.add(insert(table, nextKey++));
      }
    }
    source.execute("BEGIN; " + String.join("; ", statements) + "; COMMIT");
  }

  /**
   * Transactions of every size from 1 to {@code 2.5 x partSize + 2} changes over several tables,
   * every other size also on one table only (one table and one reader part: a table subject), with
   * one-row transactions in between; so every part and chunk boundary up to there is straddled.
   */
  List<String> boundaries(int partSize) {
    List<String> script = new ArrayList<>();
    for (int events = 1; events <= partSize * 5 / 2 + 2; events++) {
      script.add(transaction(events, false));
      if (events % 2 == 1) {
        script.add(transaction(events, true));
      }
      if (events % 3 == 0) {
        script.add(transaction(1, true));
      }
    }
    return script;
  }

  /** Runs the transactions one at a time, then {@link #end()}, on another thread. */
  static CompletableFuture<Void> runAsync(TestDatabase db, List<String> script) {
    return CompletableFuture.runAsync(
        () -> {
          script.forEach(db::execute);
          db.execute(end());
        });
  }

  /** The transaction that ends a script: a comparison may start once the target has it. */
  static String end() {
    return "INSERT INTO tag VALUES ('" + END + "', 0)";
  }

  static boolean ended(TestDatabase target) {
    return Pipes.text(target, "SELECT count(*) FROM tag WHERE k = '" + END + "'").equals("1");
  }

  /** One transaction of exactly {@code events} row changes, on one random table or on all. */
  String transaction(int events, boolean oneTable) {
    int only = random.nextInt(TABLES.size());
    List<String> statements = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      statements.add(change(oneTable ? only : random.nextInt(TABLES.size())));
    }
    return "BEGIN; " + String.join("; ", statements) + "; COMMIT";
  }

  /** One transaction of exactly {@code events} inserts over all tables: each lost one shows. */
  String inserts(int events) {
    List<String> statements = new ArrayList<>(events);
    for (int i = 0; i < events; i++) {
      int table = i % TABLES.size();
      long key = nextKey++;
      live.get(table).add(key);
      statements.add(insert(table, key));
    }
    return "BEGIN; " + String.join("; ", statements) + "; COMMIT";
  }

  private String change(int table) {
    List<Long> keys = live.get(table);
    int dice = random.nextInt(10);
    if (keys.size() < 5 || dice < 4) {
      List<Long> back = gone.get(table);
      long key = !back.isEmpty() && dice == 0 ? take(back) : nextKey++;
      keys.add(key);
      return insert(table, key);
    }
    if (dice < 8) {
      long key = keys.get(random.nextInt(keys.size()));
      int value = random.nextInt(1_000_000);
      return switch (table) {
            case 0 -> "UPDATE acct SET balance = balance + " + value + ", owner = 'o" + value + "'";
            case 1 -> "UPDATE line SET amount = " + value + ", note = NULL";
            default -> "UPDATE tag SET v = " + value;
          }
          + " WHERE "
          + where(table, key);
    }
    long key = take(keys);
    if (table == 1 && dice == 8) {
      long moved = nextKey++;
      keys.add(moved);
      gone.get(table).add(key);
      return "UPDATE line SET id = " + moved + " WHERE id = " + key;
    }
    gone.get(table).add(key);
    return "DELETE FROM " + TABLES.get(table) + " WHERE " + where(table, key);
  }

  private long take(List<Long> keys) {
    int at = random.nextInt(keys.size());
    long key = keys.get(at);
    keys.set(at, keys.get(keys.size() - 1));
    keys.remove(keys.size() - 1);
    return key;
  }

  private static String insert(int table, long key) {
    return switch (table) {
      case 0 -> "INSERT INTO acct VALUES (" + key + ", 'owner " + key + "', " + key * 100 + ")";
      case 1 -> "INSERT INTO line VALUES (" + key + ", " + key % 97 + ", 1, 'line " + key + "')";
      default -> "INSERT INTO tag VALUES ('k" + key + "', " + key + ")";
    };
  }

  private static String where(int table, long key) {
    return table == 2 ? "k = 'k" + key + "'" : "id = " + key;
  }

  /** Asserts that every table holds the same rows in target and source, naming the differences. */
  void assertSameRows(TestDatabase source, TestDatabase target) {
    for (int table = 0; table < TABLES.size(); table++) {
      List<String> expected = rows(source, table);
      List<String> actual = rows(target, table);
      Set<String> missing = new HashSet<>(expected);
      actual.forEach(missing::remove);
      Set<String> extra = new HashSet<>(actual);
      expected.forEach(extra::remove);
      String differences =
          missing.isEmpty() && extra.isEmpty()
              ? ""
              : "missing in the target " + sample(missing) + ", not in the source " + sample(extra);
      assertThat(differences)
          .as(
              "table %s (seed %d): %d source rows, %d target rows",
              TABLES.get(table), seed, expected.size(), actual.size())
          .isEmpty();
      assertThat(actual)
          .as("rows of %s in key order (seed %d)", TABLES.get(table), seed)
          .isEqualTo(expected);
    }
  }

  private static String sample(Set<String> rows) {
    List<String> sorted = new ArrayList<>(rows);
    sorted.sort(null);
    return sorted.size() <= 20
        ? sorted.toString()
        : sorted.subList(0, 20) + " and " + (sorted.size() - 20) + " more";
  }

  private static List<String> rows(TestDatabase db, int table) {
    String sql = "SELECT t::text FROM " + TABLES.get(table) + " t ORDER BY " + ORDER.get(table);
    List<String> rows = new ArrayList<>();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
    return rows;
  }
}
