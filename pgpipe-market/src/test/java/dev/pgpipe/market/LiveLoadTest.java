package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnEncoder.Compression;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.SType;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.SymbolMappingMsg;
import dev.pgpipe.dbn.TradeMsg;
import dev.pgpipe.dbn.live.LiveClient;
import dev.pgpipe.dbn.live.LiveEvent;
import dev.pgpipe.dbn.live.LiveException;
import dev.pgpipe.dbn.live.ReconnectPolicy;
import dev.pgpipe.dbn.live.Subscription;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import dev.pgpipe.testkit.gateway.MockGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live session from the mock gateway lands in the tables, across a dropped connection. */
@WithPostgres
class LiveLoadTest {

  private static final long FIRST_START = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z
  private static final long SECOND_START = FIRST_START + 60_000_000_000L;
  private static Database db;
  private static TestDatabase database;

  @TempDir Path directory;

  @BeforeAll
  static void open(TestDatabase testDatabase) {
    database = testDatabase;
    db = Database.builder().url(testDatabase.url()).maxSize(6).open();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  private static SymbolMappingMsg mapping(long instrument, String symbol, long start) {
    return new SymbolMappingMsg(
        new RecordHeader(RType.SYMBOL_MAPPING, 1, instrument, start),
        1,
        symbol,
        1,
        symbol,
        start,
        start + 86_400_000_000_000L);
  }

  /** MBO records of instruments 42 and 43 with distinct values; every third shares a ts_recv. */
  private static List<DbnRecord> mbo(long from, int count, long idBase) {
    List<DbnRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long ts = from + i;
      long recv = from + 10 + i / 3 * 3L;
      records.add(
          new MboMsg(
              new RecordHeader(RType.MBO, 1, 42 + i % 2, ts),
              idBase + i,
              6_012_250_000_000L + i * 250_000_000L,
              1 + i % 17,
              i % 3 == 0 ? 128 : 0,
              i % 4,
              "ACMTF".charAt(i % 5),
              i % 2 == 0 ? 'B' : 'A',
              recv,
              100 + i,
              idBase + 7L * i));
    }
    return records;
  }

  private static TradeMsg trade(long ts) {
    RecordHeader header = new RecordHeader(RType.MBP_0, 1, 42, ts);
    return new TradeMsg(header, 6_013_000_000_000L, 5, 'T', 'B', 0, 0, ts + 10, 9, 77);
  }

  @Test
  void aSessionWithADropLandsValueByValue_andTheGapIsInTheStatus() throws Exception {
    List<DbnRecord> first = new ArrayList<>(List.of(mapping(42, "ESH6", FIRST_START)));
    first.add(mapping(43, "ESM6", FIRST_START));
    first.addAll(mbo(FIRST_START + 1_000, 300, 1_000));
    List<DbnRecord> second = new ArrayList<>(List.of(mapping(42, "ESH6", SECOND_START)));
    second.add(mapping(43, "ESM6", SECOND_START));
    second.addAll(mbo(SECOND_START + 1_000, 200, 9_000));
    second.add(trade(SECOND_START + 5_000));
    LiveScript one = new LiveScript(FIRST_START, first, true);
    LiveScript two = new LiveScript(SECOND_START, second, false);

    LoadReport report;
    List<LiveStatus> statuses = new ArrayList<>();
    try (MockGateway gateway = MockGateway.start()) {
      gateway.serve(one, two);
      report = run(gateway, one, two, statuses);
      gateway.awaitScripts(Duration.ofSeconds(10));
    }

    LiveStatus atGap = statuses.get(0);
    assertThat(atGap.gaps()).isEqualTo(1);
    LiveEvent.Gap gap = Objects.requireNonNull(atGap.lastGap());
    assertThat(gap.lastTsEvent()).isEqualTo(FIRST_START + 1_000 + 299);
    assertThat(gap.resumedAt()).isEqualTo(SECOND_START);
    assertThat(gap.cause().code()).isEqualTo(LiveException.Code.CONNECTION_LOST);
    LiveStatus end = statuses.get(1);
    assertThat(end.sessions()).isEqualTo(2);
    assertThat(end.records()).isEqualTo(first.size() + second.size());
    assertThat(end.rows()).isEqualTo(501);
    assertThat(end.lastTsEvent()).isEqualTo(SECOND_START + 5_000);
    assertThat(report.tables())
        .containsExactly(
            new TableReport("live.mbo", 500, 500, 0), new TableReport("live.trades", 1, 1, 0));
    assertThat(report.skipped()).isEqualTo(4);
    assertThat(two.subscriptions()).extracting(s -> s.get("schema")).containsExactly("mbo");

    List<DbnRecord> all = new ArrayList<>(first);
    all.addAll(second);
    checkValues(all);
  }

  private static LoadReport run(
      MockGateway gateway, LiveScript one, LiveScript two, List<LiveStatus> statuses) {
    DbnLoader loader =
        DbnLoader.builder(db).prefix(new TablePrefix("live", "")).batchRows(64).build();
    try (LiveClient client =
            LiveClient.builder()
                .apiKey(LiveScript.KEY)
                .dataset("GLBX.MDP3")
                .gateway(gateway.address())
                .tsOut(true)
                .reconnectPolicy(
                    ReconnectPolicy.backoff(Duration.ofMillis(1), Duration.ofMillis(1), 3))
                .sleeper(d -> {})
                .build();
        LiveLoad load = loader.live(Set.of(Schema.MBO))) {
      client.subscribe(Subscription.of(Schema.MBO, SType.RAW_SYMBOL, "ESH6", "ESM6"));
      client.start();
      for (LiveEvent event = client.next(); event != null; event = client.next()) {
        load.accept(event);
        if (event instanceof LiveEvent.Data && load.status().records() == 302) {
          one.release(); // everything of the first session arrived: now drop it
        }
        if (event instanceof LiveEvent.Gap) {
          statuses.add(load.status());
        }
        if (event instanceof LiveEvent.Data && load.status().records() == 302 + 203) {
          two.release();
        }
      }
      statuses.add(load.status());
      return load.finish();
    }
  }

  /** Every row against the decoder's view of the same records (written to a file). */
  private void checkValues(List<DbnRecord> records) throws IOException {
    Path file = directory.resolve("sent.dbn");
    try (OutputStream out = Files.newOutputStream(file);
        DbnEncoder encoder =
            DbnEncoder.of(out, Metadata.of("GLBX.MDP3", null, FIRST_START, 0), Compression.NONE)) {
      records.forEach(encoder::write);
    }
    Map<String, Map<List<Long>, JsonNode>> expected = ExpectedRows.of(file);
    assertThat(expected.keySet()).containsExactly("mbo", "trades");
    int compared = 0;
    for (Map.Entry<String, Map<List<Long>, JsonNode>> table : expected.entrySet()) {
      MarketTable<?> market = MarketTables.named(table.getKey()).orElseThrow();
      TableRows stored = TableRows.read(database, "live." + table.getKey(), market.keyColumn());
      assertThat(stored.rows().keySet())
          .containsExactlyInAnyOrderElementsOf(table.getValue().keySet());
      for (Map.Entry<List<Long>, JsonNode> row : table.getValue().entrySet()) {
        String where = table.getKey() + " " + row.getKey();
        Map<String, @Nullable Object> values = stored.rows().get(row.getKey());
        compared +=
            RowCheck.check(where, stored.types(), Objects.requireNonNull(values), row.getValue());
        assertThat(values.get("symbol")).as(where).isEqualTo(row.getValue().get("symbol").asText());
      }
    }
    assertThat(compared).isGreaterThan(500 * 15);
  }
}
