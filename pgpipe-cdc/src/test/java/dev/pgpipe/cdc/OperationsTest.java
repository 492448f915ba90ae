package dev.pgpipe.cdc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.json.EnvelopeCodec;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.testkit.Await;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

@WithPostgres
class OperationsTest {

  @Test
  void stdoutSinkWritesOneLinePerTransactionOrEventAndConfirmsAfterFlush(TestDatabase database)
      throws Exception {
    database.execute("CREATE TABLE out_t (id int PRIMARY KEY)");
    for (boolean perEvent : List.of(false, true)) {
      String slot = perEvent ? "out_events" : "out_tx";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      AtomicBoolean stop = new AtomicBoolean();
      CdcConfig config = Streams.config(database, slot).tables(List.of("out_t")).build();
      try (ChangeStream stream = ChangeStream.open(config)) {
        CompletableFuture<Long> lines =
            CompletableFuture.supplyAsync(
                () -> new StdoutSink(out, perEvent).drain(stream, config.tuning(), stop::get));
        database.execute(
            "BEGIN; INSERT INTO out_t VALUES (1); INSERT INTO out_t VALUES (2); COMMIT");
        long end = Streams.scalarLong(database, "SELECT pg_current_wal_lsn() - '0/0'");
        Await.until(
            "confirmed after flush",
            Duration.ofSeconds(20),
            () -> stream.stats().confirmedLsn() >= end);
        stop.set(true);
        assertThat(lines.get()).isEqualTo(perEvent ? 2 : 1);
        database.execute("TRUNCATE out_t");
      }
      String[] written = out.toString(StandardCharsets.UTF_8).split("\n");
      EnvelopeCodec codec = new EnvelopeCodec();
      if (perEvent) {
        assertThat(written).hasSize(2);
        assertThat(codec.decodeEvent(written[1]).after()).isEqualTo(Map.of("id", 2));
      } else {
        assertThat(written).hasSize(1);
        assertThat(codec.decodeTransaction(written[0]).events()).hasSize(2);
      }
    }
  }

  @Test
  void environmentVariablesConfigureTheStreamAndFlagsOverrideThem() {
    Map<String, String> env =
        Map.of(
            "POSTGRES_INPUT_HOST", "db.example",
            "POSTGRES_INPUT_USER", "cdc",
            "POSTGRES_INPUT_PASSWORD", "s3cret",
            "POSTGRES_INPUT_DATABASE", "shop",
            "POSTGRES_INPUT_REPLICATION_SLOT", "shop_slot",
            "POSTGRES_INPUT_PUBLICATION", "shop_pub",
            "POSTGRES_INPUT_TABLES", "orders, public.items",
            "POSTGRES_INPUT_BATCH_SIZE", "250",
            "POSTGRES_INPUT_BATCH_TIMEOUT", "500ms");
    CdcConfig config = CdcConfig.fromEnvironment(env).slot("flag_slot").build();
    assertThat(config.connection())
        .isEqualTo(new ConnectionSettings("db.example", 5432, "shop", "cdc", "s3cret", Map.of()));
    assertThat(config.slot()).isEqualTo("flag_slot");
    assertThat(config.publication()).isEqualTo("shop_pub");
    assertThat(config.tables()).containsExactly("orders", "public.items");
    assertThat(config.tuning().batchSize()).isEqualTo(250);
    assertThat(config.tuning().batchTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.toString()).doesNotContain("s3cret");
    assertThatThrownBy(() -> CdcConfig.fromEnvironment(Map.of("POSTGRES_INPUT_PORT", "x")))
        .hasMessageContaining("POSTGRES_INPUT_PORT");
    assertThatThrownBy(() -> CdcConfig.fromEnvironment(env).slot("Bad-Name").build())
        .hasMessageContaining("Bad-Name");
  }

  @Test
  void setupWarnsOrFailsOnTablesWithoutReplicaIdentityAndSaysWhatToRun(TestDatabase database) {
    database.execute("CREATE TABLE no_key (v int)");
    CdcConfig.Builder config = Streams.config(database, "ident").tables(List.of("no_key"));
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      assertThat(stream.warnings())
          .singleElement()
          .asString()
          .contains("no_key")
          .contains("REPLICA IDENTITY FULL");
    }
    assertThatThrownBy(
            () -> ChangeStream.open(config.slot("ident2").strictReplicaIdentity(true).build()))
        .isInstanceOf(CdcException.class)
        .hasMessageContaining("ALTER TABLE public.no_key REPLICA IDENTITY FULL");
  }

  @Test
  void idleSlotStillAdvancesWithHeartbeatsAndSlotsListsAndDropsIt(TestDatabase database) {
    database.execute("CREATE TABLE quiet (id int PRIMARY KEY)", "CREATE TABLE other (id int)");
    CdcConfig.Builder config = Streams.config(database, "idle").tables(List.of("quiet"));
    config.tuning().heartbeatInterval(Duration.ofMillis(100));
    ConnectionSettings settings = ConnectionSettings.parse(database.url());
    try (ChangeStream stream = ChangeStream.open(config.build())) {
      database.execute("INSERT INTO other SELECT generate_series(1, 1000)");
      long written = Streams.scalarLong(database, "SELECT pg_current_wal_lsn() - '0/0'");
      Await.until(
          "idle slot confirmed past unrelated writes",
          Duration.ofSeconds(20),
          () -> Streams.confirmedFlush(database, "idle") >= written);
      assertThat(Slots.list(settings))
          .filteredOn(s -> s.name().equals("idle"))
          .singleElement()
          .satisfies(
              s -> {
                assertThat(s.active()).isTrue();
                assertThat(s.plugin()).isEqualTo("pgoutput");
                assertThat(s.retainedBytes()).isNotNegative();
              });
      assertThatThrownBy(() -> Slots.drop(settings, "idle", false))
          .isInstanceOf(CdcException.class)
          .hasMessageContaining("active");
    }
    Slots.drop(settings, "idle", false);
    assertThat(Slots.list(settings)).noneMatch(s -> s.name().equals("idle"));
  }
}
