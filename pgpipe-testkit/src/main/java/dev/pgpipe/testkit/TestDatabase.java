package dev.pgpipe.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One database on the test server, owned by one test class.
 *
 * <p>{@link #toString()} leaves the password out.
 */
public record TestDatabase(String host, int port, String name, String user, String password) {

  /** The database as a {@code postgres://} URL, password included: for code under test only. */
  public String url() {
    String credentials = password.isEmpty() ? user : user + ":" + password;
    return "postgres://" + credentials + "@" + host + ":" + port + "/" + name;
  }

  /**
   * The database as a JDBC URL without credentials; pair it with {@link #user()} and {@link
   * #password()}.
   */
  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + name;
  }

  /** Opens a plain pgjdbc connection (auto-commit on); the caller closes it. */
  public Connection connect() {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    try {
      return DriverManager.getConnection(jdbcUrl(), properties);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot connect to test database " + this, e);
    }
  }

  /** Runs SQL statements on a fresh connection, for test set-up. */
  public void execute(String... statements) {
    try (Connection connection = connect();
        java.sql.Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("set-up SQL failed on " + this + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + user + "@" + host + ":" + port + "/" + name + "]";
  }
}
