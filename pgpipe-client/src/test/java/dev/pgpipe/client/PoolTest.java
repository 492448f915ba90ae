package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithPostgres
class PoolTest {

  private static TestDatabase database;

  @BeforeAll
  static void createRole(TestDatabase testDatabase) {
    database = testDatabase;
    testDatabase.execute(
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pool_user') THEN"
            + " CREATE ROLE pool_user LOGIN PASSWORD 'right-secret'; END IF; END $$",
        "GRANT ALL ON DATABASE " + testDatabase.name() + " TO pool_user");
  }

  private static String urlAs(String user, String password) {
    return "postgres://"
        + user
        + ":"
        + password
        + "@localhost:"
        + database.port()
        + "/"
        + database.name();
  }

  @Test
  void exhaustedPoolFailsAtTheAcquisitionDeadlineWithAClearMessage() {
    try (Database db =
            Database.builder()
                .url(database.url())
                .maxSize(1)
                .acquisitionTimeout(Duration.ofMillis(300))
                .open();
        Stream<Integer> holding = db.sql("SELECT 1").as(Integer.class).stream()) {
      long start = System.nanoTime();

      assertThatThrownBy(() -> db.sql("SELECT 2").scalar(Integer.class))
          .isInstanceOf(ConnectionUnavailableException.class)
          .hasMessageContaining("no connection free within 300 ms")
          .hasMessageContaining("all 1 connections");

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(db.stats().timeouts()).isEqualTo(1);
      assertThat(db.stats().active()).isEqualTo(1);
      assertThat(holding.count()).isEqualTo(1);
    }
  }

  @Test
  void passwordLoginWorksAndStatsCountAcquisitions() {
    try (Database db = Database.open(urlAs("pool_user", "right-secret"))) {
      assertThat(db.sql("SELECT current_user").scalar(String.class)).isEqualTo("pool_user");
      db.ping();

      PoolStats stats = db.stats();
      assertThat(stats.acquisitions()).isGreaterThanOrEqualTo(2);
      assertThat(stats.active()).isZero();
      assertThat(stats.total()).isPositive();
      assertThat(db.toString()).contains("pool_user:***@").doesNotContain("right-secret");
    }
  }

  @Test
  void wrongPasswordFailsQuicklyWithoutShowingThePassword() {
    long start = System.nanoTime();

    assertThatThrownBy(() -> Database.open(urlAs("pool_user", "wrong-secret")))
        .isInstanceOfSatisfying(
            ConnectionUnavailableException.class,
            e -> {
              assertThat(e.isAuthenticationFailure()).isTrue();
              assertThat(e.getMessage())
                  .contains("refused the login of user 'pool_user'")
                  .doesNotContain("wrong-secret");
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void unreachableServerFailsQuicklySayingWhatToCheck() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    long start = System.nanoTime();

    assertThatThrownBy(
            () -> Database.open("postgres://u:pw-secret@127.0.0.1:" + closedPort + "/db"))
        .isInstanceOfSatisfying(
            ConnectionUnavailableException.class,
            e -> {
              assertThat(e.isConnectionFailure()).isTrue();
              assertThat(e.getMessage())
                  .contains("cannot reach PostgreSQL")
                  .contains("127.0.0.1:" + closedPort)
                  .doesNotContain("pw-secret");
              assertThat(e.getMessage().split("SQLSTATE", -1)).hasSizeLessThanOrEqualTo(2);
            });
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void badUrlFailsBeforeAnyConnection() {
    assertThatThrownBy(() -> Database.open("localhost:5432/db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected postgres://");
  }

  @Test
  void closeWaitsForBorrowedConnectionsToComeBack() throws Exception {
    Database db = Database.open(database.url());
    Stream<Integer> borrowed = db.sql("SELECT 1").as(Integer.class).stream();
    CompletableFuture<Void> closing = CompletableFuture.runAsync(db::close);

    assertThatThrownBy(() -> closing.get(300, TimeUnit.MILLISECONDS))
        .isInstanceOf(TimeoutException.class);
    assertThat(borrowed.toList()).containsExactly(1);
    borrowed.close();

    closing.get(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> db.sql("SELECT 1").scalar(Integer.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
  }

  @Test
  void healthReportsLatencyAndPool() {
    try (Database db = Database.open(database.url())) {
      Health health = db.health();

      assertThat(health.up()).isTrue();
      assertThat(health.latency()).isPositive().isLessThan(Duration.ofSeconds(5));
      assertThat(health.error()).isEmpty();
    }
  }

  @Test
  void lendsARawJdbcConnectionAndTranslatesItsErrors() {
    try (Database db = Database.open(database.url())) {
      int answer =
          db.withJdbcConnection(
              connection -> {
                try (var statement = connection.prepareStatement("SELECT 6 * 7");
                    var rows = statement.executeQuery()) {
                  rows.next();
                  return rows.getInt(1);
                }
              });

      assertThat(answer).isEqualTo(42);
      assertThatThrownBy(
              () ->
                  db.withJdbcConnection(
                      connection -> connection.createStatement().execute("SELEC")))
          .isInstanceOfSatisfying(
              PgException.class, e -> assertThat(e.sqlState()).isEqualTo("42601"));
      assertThat(db.stats().active()).isZero();
    }
  }
}
