package dev.pgpipe.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithPostgres
class CopyTest {

  private static final int MILLION = 1_000_000;
  private static Database db;

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.open(database.url());
    db.sql("CREATE TABLE source (id int8 PRIMARY KEY, name text, price numeric, at timestamptz)")
        .update();
    db.sql(
            "INSERT INTO source SELECT g, 'row ' || g, g / 7.0,"
                + " '2026-01-01'::timestamptz + g * interval '1 ms'"
                + " FROM generate_series(1, "
                + MILLION
                + ") g")
        .update();
    db.sql("CREATE TABLE target (LIKE source INCLUDING ALL)").update();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void emptyTarget() {
    db.sql("TRUNCATE target").update();
  }

  private static String checksum(String table) {
    return db.sql("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + table + " t")
        .scalar(String.class);
  }

  @Test
  void binaryCopyOfAMillionRowsRoundTripsThroughStreams() {
    CountingPipe pipe = new CountingPipe();
    long out = db.copyOut("COPY source TO STDOUT (FORMAT binary)", pipe);

    long in = db.copyIn("COPY target FROM STDIN (FORMAT binary)", pipe.asInput());

    assertThat(out).isEqualTo(MILLION);
    assertThat(in).isEqualTo(MILLION);
    assertThat(checksum("target")).isEqualTo(checksum("source"));
  }

  @Test
  void csvCopyRoundTripsThroughAFile(@TempDir Path directory) {
    Path file = directory.resolve("source.csv");

    long out = db.copyOut("COPY source TO STDOUT (FORMAT csv, HEADER)", file);
    long in = db.copyIn("COPY target FROM STDIN (FORMAT csv, HEADER)", file);

    assertThat(out).isEqualTo(MILLION);
    assertThat(in).isEqualTo(MILLION);
    assertThat(checksum("target")).isEqualTo(checksum("source"));
  }

  @Test
  void textCopyStreamsRowByRowAndCountsThem() throws IOException {
    try (CopyIn copy = db.openCopyIn("COPY target (id, name) FROM STDIN")) {
      for (int i = 1; i <= 1000; i++) {
        copy.write((i + "\tname " + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
      assertThat(copy.finish()).isEqualTo(1000);
    }
    try (CopyOut copy =
        db.openCopyOut("COPY (SELECT name FROM target ORDER BY id LIMIT 2) TO STDOUT")) {
      assertThat(new String(copy.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("name 1\nname 2\n");
      assertThat(copy.rows()).isEqualTo(2);
    }
  }

  @Test
  void closingWithoutFinishAbortsAndLoadsNothing() throws IOException {
    try (CopyIn copy = db.openCopyIn("COPY target (id, name) FROM STDIN")) {
      copy.write("1\tone\n".getBytes(StandardCharsets.UTF_8));
      copy.flush();
    }

    assertThat(db.sql("SELECT count(*) FROM target").scalar(Long.class)).isZero();
    assertThat(db.stats().active()).isZero();
  }

  @Test
  void badDataFailsWithTheServersMessageAndLoadsNothing() {
    byte[] data = "1\tok\nnot-a-number\tbad\n".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(
            () -> db.copyIn("COPY target (id, name) FROM STDIN", new ByteArrayInputStream(data)))
        .isInstanceOfSatisfying(
            PgException.class,
            e -> {
              assertThat(e.sqlState()).isEqualTo("22P02");
              assertThat(e.getMessage()).contains("not-a-number");
              assertThat(e.where()).contains("COPY target, line 2");
            });
    assertThat(db.sql("SELECT count(*) FROM target").scalar(Long.class)).isZero();
    assertThat(db.ping()).isPositive();
  }

  @Test
  void copyInsideATransactionCommitsWithIt() {
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      tx.copyIn(
                          "COPY target (id) FROM STDIN",
                          new ByteArrayInputStream("7\n8\n".getBytes(StandardCharsets.UTF_8)));
                      assertThat(tx.sql("SELECT count(*) FROM target").scalar(Long.class))
                          .isEqualTo(2);
                      throw new IllegalStateException("roll it back");
                    }))
        .hasMessage("roll it back");

    assertThat(db.sql("SELECT count(*) FROM target").scalar(Long.class)).isZero();
  }

  /** An in-memory pipe: what COPY TO writes is read back by COPY FROM. */
  private static final class CountingPipe extends ByteArrayOutputStream {
    InputStream asInput() {
      return new ByteArrayInputStream(toByteArray());
    }
  }
}
