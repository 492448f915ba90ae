package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * A chunk is read in one snapshot, which it carries: the transactions still running then are the
 * ones it hides, and the reader's connection leaves the read's transaction afterwards.
 */
@WithPostgres
class ChunkReaderTest {

  private static String text(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static long xid32(Connection c, String sql) throws SQLException {
    return Long.parseLong(text(c, sql)) & 0xFFFF_FFFFL;
  }

  @Test
  void chunkCarriesTheSnapshotThatHidesWhatWasStillRunning(TestDatabase database) throws Exception {
    database.execute(
        "CREATE TABLE crt (id int8 PRIMARY KEY, v text)",
        "INSERT INTO crt SELECT g, 'v' || g FROM generate_series(1, 5) g");
    try (Connection running = database.connect();
        Connection other = database.connect();
        ChunkReader reader = ChunkReader.open(ConnectionSettings.parse(database.url()))) {
      running.setAutoCommit(false);
      running.createStatement().execute("UPDATE crt SET v = 'running' WHERE id = 2");
      long open = xid32(running, "SELECT pg_current_xact_id()::text");
      long ended =
          xid32(other, "INSERT INTO crt VALUES (6, 'ended') RETURNING pg_current_xact_id()::text");
      TableSchema table = reader.describe("crt");

      KeyChunk first = reader.read(table, null, 4);
      assertThat(first.rows()).extracting(r -> r.get("v")).containsExactly("v1", "v2", "v3", "v4");
      assertThat(first.snapshot().hides(open)).as("still running").isTrue();
      assertThat(first.snapshot().hides(ended)).as("committed").isFalse();
      assertThat(
              text(
                  other,
                  "SELECT state FROM pg_stat_activity WHERE application_name = 'pgpipe-cdc'"))
          .as("the reader's connection after a read")
          .isEqualTo("idle");

      KeyChunk rest = reader.read(table, first.lastKey(), 4);
      assertThat(rest.rows()).extracting(r -> r.get("v")).containsExactly("v5", "ended");
      assertThat(rest.last(4)).isTrue();
      running.commit();
      KeyChunk again = reader.read(table, null, 4);
      assertThat(again.rows().get(1).get("v")).isEqualTo("running");
      assertThat(again.snapshot().hides(open)).as("committed since").isFalse();
    }
  }
}
