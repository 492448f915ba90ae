package dev.pgpipe.cdc.ddl;

import static java.util.Objects.requireNonNull;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pgpipe.cdc.CdcConfig;
import dev.pgpipe.cdc.ChangeStream;
import dev.pgpipe.cdc.SnapshotMode;
import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.cdc.ddl.ColumnChange.Dropped;
import dev.pgpipe.cdc.ddl.ColumnChange.Renamed;
import dev.pgpipe.cdc.ddl.ColumnChange.TypeChanged;
import dev.pgpipe.cdc.ddl.DdlEvent.OtherObject;
import dev.pgpipe.cdc.ddl.DdlEvent.TableAltered;
import dev.pgpipe.cdc.ddl.DdlEvent.TableCreated;
import dev.pgpipe.cdc.ddl.DdlEvent.TableDropped;
import dev.pgpipe.cdc.ddl.DdlEvent.TableRewritten;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** DDL capture installed on the test server, read back through a {@link ChangeStream}. */
@WithPostgres
class DdlCaptureStreamTest {

  /** A table name with a quote, a space and non-ASCII letters. */
  private static final String TABLE = "\"Hostile \"\"t\"\" é\"";

  private static final String RAW_TABLE = "Hostile \"t\" é";

  @Test
  void eachDdlStatementArrivesBetweenTheRowChangesAroundIt_withItsAttnums(TestDatabase db) {
    DdlCapture.install(ConnectionSettings.parse(db.url()));
    try (ChangeStream stream = ChangeStream.open(config(db, "ddl_positions"))) {
      db.execute(
          tx("CREATE TABLE %T (id int PRIMARY KEY, \"a b\" text); INSERT INTO %T VALUES (1, 'x')"),
          tx(
              "INSERT INTO %T VALUES (2, 'y'); ALTER TABLE %T ADD COLUMN n int NOT NULL DEFAULT 7;"
                  + " INSERT INTO %T VALUES (3, 'z', 8)"),
          tx(
              "ALTER TABLE %T RENAME COLUMN \"a b\" TO \"c \"\"ü\"\"\";"
                  + " INSERT INTO %T VALUES (4, 'w', 9)"),
          tx("ALTER TABLE %T ALTER COLUMN n TYPE bigint; UPDATE %T SET n = 10 WHERE id = 4"),
          "BEGIN; ALTER TABLE " + TABLE + " ADD COLUMN gone int; ROLLBACK",
          tx("ALTER TABLE %T DROP COLUMN \"c \"\"ü\"\"\"; DELETE FROM %T WHERE id = 1"),
          tx("INSERT INTO %T VALUES (5, 11); DROP TABLE %T"));
      List<Transaction> txs = take(stream, 6);

      DdlTable v1 = created(txs.get(0));
      DdlTable v2 = columnAdded(txs.get(1), v1);
      DdlTable v3 = columnRenamed(txs.get(2), v2);
      DdlTable v4 = columnRetyped(txs.get(3), v3);
      assertThat(shape(txs.get(4)))
          .as("the rolled-back ALTER left nothing, this is the next transaction")
          .containsExactly("ddl", "ddl", "delete");
      assertThat(DdlEvents.of(txs.get(4).events().get(0)))
          .singleElement()
          .isEqualTo(
              new OtherObject(
                  "ALTER TABLE", "table column", "public." + TABLE + ".\"c \"\"ü\"\"\"", true));
      DdlTable v5 = altered(txs.get(4), 1);
      assertThat(ColumnChanges.between(v4, v5))
          .singleElement()
          .isInstanceOfSatisfying(Dropped.class, d -> assertThat(d.attnum()).isEqualTo(2));
      assertThat(v5.columns()).extracting(DdlColumn::attnum).containsExactly(1, 3);

      assertThat(shape(txs.get(5))).containsExactly("insert", "ddl");
      assertThat(DdlEvents.of(txs.get(5).events().get(1)))
          .first()
          .isEqualTo(new TableDropped("DROP TABLE", v1.relationId(), "public", RAW_TABLE, true));
      assertThat(DdlEvents.in(txs.get(5)))
          .allSatisfy(p -> assertThat(p.index()).isEqualTo(1))
          .allSatisfy(p -> assertThat(p.lsn()).isEqualTo(txs.get(5).events().get(1).lsn()));
    }
  }

  /** {@code BEGIN; sql; COMMIT} with {@code %T} standing for the hostile table name. */
  private static String tx(String sql) {
    return "BEGIN; " + sql.replace("%T", TABLE) + "; COMMIT";
  }

  private static DdlTable created(Transaction tx) {
    assertThat(shape(tx)).containsExactly("ddl", "insert");
    List<DdlEvent> created = DdlEvents.of(tx.events().get(0));
    assertThat(created).hasSize(2);
    DdlTable v1 = ((TableCreated) created.get(0)).table();
    assertThat(v1.schema()).isEqualTo("public");
    assertThat(v1.name()).isEqualTo(RAW_TABLE);
    assertThat(v1.columns())
        .extracting(DdlColumn::attnum, DdlColumn::name, DdlColumn::type, DdlColumn::notNull)
        .containsExactly(tuple(1, "id", "integer", true), tuple(2, "a b", "text", false));
    assertThat(created.get(1)).isInstanceOf(OtherObject.class);
    assertThat(((OtherObject) created.get(1)).objectType()).isEqualTo("index");
    assertThat(requireNonNull(tx.events().get(1).table()).name()).isEqualTo(RAW_TABLE);
    return v1;
  }

  private static DdlTable columnAdded(Transaction tx, DdlTable v1) {
    assertThat(shape(tx)).containsExactly("insert", "ddl", "insert");
    DdlTable v2 = altered(tx, 1, v1);
    assertThat(v2.relationId()).isEqualTo(v1.relationId());
    DdlColumn n = v2.column(3).orElseThrow();
    assertThat(n.name()).isEqualTo("n");
    assertThat(n.notNull()).isTrue();
    assertThat(n.defaultExpression()).isEqualTo("7");
    assertThat(ColumnChanges.between(v1, v2)).containsExactly(new ColumnChange.Added(n));
    assertThat(requireNonNull(tx.events().get(0).after())).doesNotContainKey("n");
    assertThat(requireNonNull(tx.events().get(2).after())).containsEntry("n", 8);
    return v2;
  }

  private static DdlTable columnRenamed(Transaction tx, DdlTable v2) {
    assertThat(shape(tx)).containsExactly("ddl", "insert");
    DdlTable v3 = altered(tx, 0, v2);
    assertThat(ColumnChanges.between(v2, v3))
        .singleElement()
        .isInstanceOfSatisfying(
            Renamed.class,
            r -> {
              assertThat(r.attnum()).isEqualTo(2);
              assertThat(r.before().name()).isEqualTo("a b");
              assertThat(r.after().name()).isEqualTo("c \"ü\"");
            });
    assertThat(requireNonNull(tx.events().get(1).after())).containsKey("c \"ü\"");
    return v3;
  }

  private static DdlTable columnRetyped(Transaction tx, DdlTable v3) {
    assertThat(shape(tx)).containsExactly("ddl", "ddl", "update");
    DdlEvent rewrite = DdlEvents.of(tx.events().get(0)).get(0);
    assertThat(rewrite).isInstanceOf(TableRewritten.class);
    assertThat(((TableRewritten) rewrite).reason() & 4).isEqualTo(4);
    assertThat(((TableRewritten) rewrite).table().relationId()).isEqualTo(v3.relationId());
    DdlTable v4 = altered(tx, 1, v3);
    List<ColumnChange> retyped = ColumnChanges.between(v3, v4);
    assertThat(retyped)
        .filteredOn(c -> c instanceof TypeChanged)
        .singleElement()
        .satisfies(c -> assertThat(((TypeChanged) c).after().type()).isEqualTo("bigint"));
    assertThat(retyped).allSatisfy(c -> assertThat(c.attnum()).isEqualTo(3));
    return v4;
  }

  @Test
  void aTableOlderThanTheCaptureHasItsShapeBefore_andALostRecordOnlyMakesItUnknownOnce(
      TestDatabase db) {
    db.execute("CREATE TABLE older (id int PRIMARY KEY, a text)");
    DdlCapture.install(ConnectionSettings.parse(db.url()));
    try (ChangeStream stream = ChangeStream.open(config(db, "ddl_before"))) {
      db.execute(
          "ALTER TABLE older RENAME COLUMN a TO b",
          "TRUNCATE pgpipe.ddl_shapes", // what a crash leaves of the unlogged table
          "ALTER TABLE older RENAME COLUMN b TO c",
          "ALTER TABLE older RENAME COLUMN c TO d");
      List<Transaction> txs = take(stream, 3);

      assertThat(renames(txs.get(0))).containsExactly("a -> b");
      assertThat(((TableAltered) DdlEvents.of(txs.get(1).events().get(0)).get(0)).before())
          .as("no record of the shape before: unknown, not guessed")
          .isNull();
      assertThat(renames(txs.get(1))).isEmpty();
      assertThat(renames(txs.get(2))).containsExactly("c -> d");
    }
  }

  private static List<String> renames(Transaction tx) {
    return ((TableAltered) DdlEvents.of(tx.events().get(0)).get(0))
        .columnChanges().stream()
            .map(c -> (Renamed) c)
            .map(r -> r.before().name() + " -> " + r.after().name())
            .toList();
  }

  @Test
  void ddlOfAnOrdinaryRoleIsCaptured_butNotThatOfTemporaryTables(TestDatabase db) {
    DdlCapture.install(ConnectionSettings.parse(db.url()));
    db.execute(
        "DROP ROLE IF EXISTS ddl_owner",
        "CREATE ROLE ddl_owner LOGIN PASSWORD 'owner-pw'",
        "GRANT CREATE ON SCHEMA public TO ddl_owner");
    TestDatabase owner = new TestDatabase(db.host(), db.port(), db.name(), "ddl_owner", "owner-pw");
    try (ChangeStream stream = ChangeStream.open(config(db, "ddl_roles"))) {
      owner.execute(
          "CREATE TEMP TABLE scratch (x int)",
          "DROP TABLE scratch",
          "CREATE TABLE owned (id int)",
          "INSERT INTO owned VALUES (1)");
      List<Transaction> txs = take(stream, 2);
      assertThat(shape(txs.get(0))).containsExactly("ddl");
      assertThat(DdlEvents.of(txs.get(0).events().get(0)))
          .singleElement()
          .isInstanceOfSatisfying(
              TableCreated.class, c -> assertThat(c.table().name()).isEqualTo("owned"));
      assertThat(shape(txs.get(1))).containsExactly("insert");
    } finally {
      db.execute(
          "DROP TABLE IF EXISTS owned",
          "REVOKE CREATE ON SCHEMA public FROM ddl_owner",
          "DROP ROLE ddl_owner");
    }
  }

  private static DdlTable altered(Transaction tx, int index) {
    List<DdlEvent> events = DdlEvents.of(tx.events().get(index));
    assertThat(events).singleElement().isInstanceOf(TableAltered.class);
    return ((TableAltered) events.get(0)).table();
  }

  /** {@link #altered(Transaction, int)}, whose message names {@code before} as the table before. */
  private static DdlTable altered(Transaction tx, int index, DdlTable before) {
    DdlTable table = altered(tx, index);
    assertThat(((TableAltered) DdlEvents.of(tx.events().get(index)).get(0)).before())
        .as("the table as the previous command left it")
        .isEqualTo(before);
    return table;
  }

  /** Each event as "ddl" or its operation's label. */
  private static List<String> shape(Transaction tx) {
    return tx.events().stream()
        .map(e -> DdlEvents.isDdl(e) ? "ddl" : e.operation().label())
        .toList();
  }

  private static CdcConfig config(TestDatabase db, String slot) {
    CdcConfig.Builder builder =
        CdcConfig.builder().url(db.url()).slot(slot).publication(slot).snapshot(SnapshotMode.NEVER);
    builder.tuning().statusInterval(Duration.ofMillis(200));
    return builder.build();
  }

  private static List<Transaction> take(ChangeStream stream, int count) {
    List<Transaction> taken = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (taken.size() < count) {
      assertThat(System.nanoTime())
          .as("waiting for %d transactions: %s", count, taken)
          .isLessThan(deadline);
      Transaction tx = stream.poll(Duration.ofMillis(100));
      if (tx != null) {
        assertThat(tx.lastPart()).isTrue();
        taken.add(tx);
        stream.acknowledge(tx);
      }
    }
    return taken;
  }
}
