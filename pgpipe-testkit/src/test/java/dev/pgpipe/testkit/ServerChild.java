package dev.pgpipe.testkit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The JVM of {@link TestServerReaperTest}: {@code java ServerChild} starts the embedded test
 * server, prints its port and data directory on one line, then waits on its standard input until it
 * is killed.
 */
public final class ServerChild {

  private ServerChild() {}

  public static void main(String[] args) throws java.io.IOException, SQLException {
    TestDatabase admin = TestServer.get().admin();
    try (Connection connection = admin.connect();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SHOW data_directory")) {
      rs.next();
      System.out.println(admin.port() + " " + rs.getString(1));
    }
    System.out.flush();
    System.in.read();
  }
}
