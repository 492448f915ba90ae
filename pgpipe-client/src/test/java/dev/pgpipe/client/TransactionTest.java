package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithPostgres
class TransactionTest {

  private static Database db;
  private static TestDatabase database;
  private static final List<Duration> waits = new ArrayList<>();

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.builder().url(testDatabase.url()).sleeper(waits::add).open();
    db.sql("CREATE TABLE ledger (id serial PRIMARY KEY, amount int NOT NULL)").update();
    db.sql("CREATE TABLE accounts (id int PRIMARY KEY, balance int NOT NULL)").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void reset() {
    db.sql("TRUNCATE ledger, accounts").update();
    db.sql("INSERT INTO accounts VALUES (1, 100), (2, 100)").update();
    waits.clear();
  }

  private static long ledgerRows() {
    return db.sql("SELECT count(*) FROM ledger").scalar(Long.class);
  }

  @Test
  void commitsWhenTheCallbackReturnsAndRollsBackWhenItThrows() {
    int id =
        db.inTransaction(
            tx ->
                tx.sql("INSERT INTO ledger (amount) VALUES (5) RETURNING id")
                    .scalar(Integer.class));
    assertThat(id).isPositive();

    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      tx.sql("INSERT INTO ledger (amount) VALUES (6)").update();
                      throw new IllegalStateException("boom");
                    }))
        .hasMessage("boom");

    assertThat(ledgerRows()).isEqualTo(1);
  }

  @Test
  void nestedCallsAndPlainQueriesOnTheSameThreadJoinTheTransaction() {
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    outer -> {
                      int outerPid = outer.sql("SELECT pg_backend_pid()").scalar(Integer.class);
                      int innerPid =
                          db.inTransaction(
                              inner -> inner.sql("SELECT pg_backend_pid()").scalar(Integer.class));
                      assertThat(innerPid).isEqualTo(outerPid);
                      assertThat(db.sql("SELECT pg_backend_pid()").scalar(Integer.class))
                          .isEqualTo(outerPid);
                      db.useTransaction(
                          inner -> inner.sql("INSERT INTO ledger (amount) VALUES (1)").update());
                      throw new IllegalStateException("outer fails after inner work");
                    }))
        .hasMessageContaining("outer fails");

    assertThat(ledgerRows()).isZero();
  }

  @Test
  void nestedCallCannotAskForStricterIsolation() {
    assertThatThrownBy(
            () -> db.useTransaction(tx -> db.inTransaction(Isolation.SERIALIZABLE, inner -> 1)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("SERIALIZABLE");
  }

  @Test
  void eachTransactionRunsAtTheIsolationItAskedForEvenOnAConnectionAnotherOneChanged(
      TestDatabase testDatabase) {
    try (Database one = Database.builder().url(testDatabase.url()).maxSize(1).open()) {
      String show = "SHOW transaction_isolation";
      String strict =
          one.inTransaction(Isolation.SERIALIZABLE, tx -> tx.sql(show).scalar(String.class));
      String plain = one.inTransaction(tx -> tx.sql(show).scalar(String.class));
      String repeatable =
          one.inTransaction(Isolation.REPEATABLE_READ, tx -> tx.sql(show).scalar(String.class));
      String plainAgain = one.inTransaction(tx -> tx.sql(show).scalar(String.class));

      assertThat(List.of(strict, plain, repeatable, plainAgain))
          .containsExactly("serializable", "read committed", "repeatable read", "read committed");
    }
  }

  @Test
  void savepointRollsBackPartOfTheWork() {
    db.useTransaction(
        tx -> {
          tx.sql("INSERT INTO ledger (amount) VALUES (1)").update();
          assertThatThrownBy(
                  () ->
                      tx.inSavepoint(
                          sp ->
                              sp.sql("INSERT INTO ledger (id, amount) VALUES (-1, NULL)").update()))
              .isInstanceOfSatisfying(
                  PgException.class, e -> assertThat(e.isNotNullViolation()).isTrue());
          tx.sql("INSERT INTO ledger (amount) VALUES (2)").update();
        });

    assertThat(db.sql("SELECT sum(amount) FROM ledger").scalar(Long.class)).isEqualTo(3);
  }

  @Test
  void readOnlyTransactionsRefuseWrites() {
    TransactionOptions readOnly = TransactionOptions.defaults().readOnly(true);

    assertThatThrownBy(
            () ->
                db.useTransaction(
                    readOnly, tx -> tx.sql("INSERT INTO ledger (amount) VALUES (1)").update()))
        .isInstanceOfSatisfying(
            PgException.class, e -> assertThat(e.sqlState()).isEqualTo("25006"));
  }

  @Test
  void retriesARealSerializationConflictUntilBothCommit() throws Exception {
    CyclicBarrier bothRead = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    Runnable writeSkew =
        () ->
            db.useTransaction(
                TransactionOptions.of(Isolation.SERIALIZABLE),
                tx -> {
                  int attempt = attempts.incrementAndGet();
                  long total =
                      tx.sql("SELECT coalesce(sum(amount), 0) FROM ledger").scalar(Long.class);
                  if (attempt <= 2) {
                    await(bothRead);
                  }
                  tx.sql("INSERT INTO ledger (amount) VALUES (?)", (int) total + 1).update();
                });

    CompletableFuture.allOf(
            CompletableFuture.runAsync(writeSkew), CompletableFuture.runAsync(writeSkew))
        .get();

    // Two first attempts, at least one retry; every retry waited once.
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(waits).hasSize(attempts.get() - 2);
    assertThat(db.sql("SELECT amount FROM ledger ORDER BY amount").as(Integer.class).list())
        .containsExactly(1, 2);
  }

  @Test
  void retriesTheVictimOfARealDeadlock() throws Exception {
    CyclicBarrier bothLocked = new CyclicBarrier(2);
    AtomicInteger attempts = new AtomicInteger();
    CompletableFuture<Void> first =
        CompletableFuture.runAsync(() -> transfer(1, 2, bothLocked, attempts));
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(() -> transfer(2, 1, bothLocked, attempts));

    CompletableFuture.allOf(first, second).get();

    // Two first attempts plus one retry per victim: usually one, both when their deadlock checks
    // run at the same moment (possible under load). Every victim was retried to success.
    assertThat(attempts.get()).isBetween(3, 4);
    assertThat(waits).hasSize(attempts.get() - 2);
    assertThat(db.sql("SELECT sum(balance) FROM accounts").scalar(Long.class)).isEqualTo(200);
    assertThat(db.sql("SELECT balance FROM accounts WHERE id = 1").scalar(Integer.class))
        .isEqualTo(100);
  }

  private static void transfer(int from, int to, CyclicBarrier bothLocked, AtomicInteger attempts) {
    db.useTransaction(
        tx -> {
          int attempt = attempts.incrementAndGet();
          tx.sql("UPDATE accounts SET balance = balance - 10 WHERE id = ?", from).update();
          if (attempt <= 2) {
            await(bothLocked);
          }
          tx.sql("UPDATE accounts SET balance = balance + 10 WHERE id = ?", to).update();
        });
  }

  @Test
  void givesUpAfterMaxAttemptsWithTheLastFailure() {
    AtomicInteger attempts = new AtomicInteger();
    TransactionOptions threeTries =
        TransactionOptions.defaults()
            .retry(
                Backoff.exponential(Duration.ofMillis(10), Duration.ofMillis(15))
                    .withJitter(Backoff.EQUAL_JITTER)
                    .withMaxAttempts(3));

    assertThatThrownBy(
            () ->
                db.inTransaction(
                    threeTries,
                    tx -> {
                      attempts.incrementAndGet();
                      throw new PgException("conflict", "40001", null, null, 0, null);
                    }))
        .isInstanceOfSatisfying(
            PgException.class, e -> assertThat(e.isSerializationFailure()).isTrue());

    assertThat(attempts.get()).isEqualTo(3);
    assertThat(waits)
        .hasSize(2)
        .allSatisfy(w -> assertThat(w).isBetween(Duration.ofMillis(5), Duration.ofMillis(15)));
  }

  @Test
  void connectionLostDuringCommitIsReportedAsUnknownAndNeverRetried() throws Exception {
    db.sql(
            "CREATE OR REPLACE FUNCTION wait_for_gate() RETURNS trigger LANGUAGE plpgsql AS"
                + " $$ BEGIN PERFORM pg_advisory_xact_lock(4242); RETURN NULL; END $$")
        .update();
    db.sql(
            "CREATE CONSTRAINT TRIGGER gate AFTER INSERT ON ledger DEFERRABLE INITIALLY DEFERRED"
                + " FOR EACH ROW EXECUTE FUNCTION wait_for_gate()")
        .update();
    AtomicInteger attempts = new AtomicInteger();
    AtomicInteger pid = new AtomicInteger();
    try (Connection gate = database.connect();
        Statement statement = gate.createStatement()) {
      statement.execute("SELECT pg_advisory_lock(4242)");
      CompletableFuture<Void> commit =
          CompletableFuture.runAsync(
              () ->
                  db.useTransaction(
                      tx -> {
                        attempts.incrementAndGet();
                        pid.set(tx.sql("SELECT pg_backend_pid()").scalar(Integer.class));
                        tx.sql("INSERT INTO ledger (amount) VALUES (1)").update();
                      }));
      Await.until(
          "COMMIT blocked in the deferred trigger",
          Duration.ofSeconds(10),
          () -> isWaitingOnLock(pid.get()));
      db.sql("SELECT pg_terminate_backend(?)", pid.get()).scalar(Boolean.class);

      assertThatThrownBy(commit::join)
          .hasCauseInstanceOf(CommitOutcomeUnknownException.class)
          .hasMessageContaining("may or may not have been committed");
    } finally {
      db.sql("DROP TRIGGER gate ON ledger").update();
    }
    assertThat(attempts.get()).isEqualTo(1);
    assertThat(ledgerRows()).isZero();
  }

  private static boolean isWaitingOnLock(int pid) {
    return pid != 0
        && db.sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND wait_event_type = 'Lock'",
                    pid)
                .scalar(Long.class)
            == 1;
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
