package dev.pgpipe.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
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

  /**
   * The first column of every row {@code sql} returns, as text; a SQL NULL is a null element (the
   * list's type does not say so, for the assertions that compare it with plain strings).
   */
  @SuppressWarnings("NullAway") // rs.getString's null goes into the list, as documented
  public List<String> strings(String sql) {
    try (Connection connection = connect();
        java.sql.Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(1));
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed on " + this + ": " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TestDatabase[" + user + "@" + host + ":" + port + "/" + name + "]";
  }
}
