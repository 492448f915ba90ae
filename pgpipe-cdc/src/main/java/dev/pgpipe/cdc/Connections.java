package dev.pgpipe.cdc;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.PgException;
import dev.pgpipe.client.TlsFailure;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Opens the unpooled pgjdbc connections change capture needs: replication connections ({@code
 * replication=database}, simple query mode) and plain ones for catalog queries and the snapshot.
 */
final class Connections {

  private Connections() {}

  static Connection replication(ConnectionSettings settings, @Nullable Duration walSenderTimeout) {
    Properties properties = base(settings);
    properties.setProperty("replication", "database");
    properties.setProperty("assumeMinServerVersion", "10");
    properties.setProperty("preferQueryMode", "simple");
    if (walSenderTimeout != null) {
      properties.setProperty("options", "-c wal_sender_timeout=" + walSenderTimeout.toMillis());
    }
    return open(settings, properties, "open a replication connection");
  }

  static Connection regular(ConnectionSettings settings) {
    return open(settings, base(settings), "connect");
  }

  private static Properties base(ConnectionSettings settings) {
    Properties properties = new Properties();
    properties.putAll(settings.parameters());
    properties.setProperty("user", settings.user());
    if (!settings.password().isEmpty()) {
      properties.setProperty("password", settings.password());
    }
    properties.putIfAbsent("ApplicationName", "pgpipe-cdc");
    return properties;
  }

  private static Connection open(ConnectionSettings settings, Properties properties, String what) {
    try {
      return DriverManager.getConnection(settings.jdbcUrl(), properties);
    } catch (SQLException e) {
      String context = "cannot " + what + " to " + settings;
      throw PgException.from(
          e, TlsFailure.explain(e, settings).map(tls -> context + ": " + tls).orElse(context));
    }
  }

  static void closeQuietly(@Nullable AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      // closing after a failure: the first error is the one that matters
    }
  }
}
