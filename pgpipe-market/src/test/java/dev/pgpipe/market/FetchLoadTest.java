package dev.pgpipe.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.client.Database;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnException;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.hist.HistoricalClient;
import dev.pgpipe.dbn.hist.RangeRequest;
import dev.pgpipe.dbn.live.ApiKey;
import dev.pgpipe.testkit.MockHistorical;
import dev.pgpipe.testkit.MockHistorical.Answer;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DbnLoader#fetch} against a scripted Historical API streaming our own DBN in chunks. */
@WithPostgres
class FetchLoadTest {

  static final String KEY = "db-abcdefghijklmnopqrstuvwxyzABC";
  static final long TS = LedgerLoadTest.TS;
  private static Database db;
  private MockHistorical server;
  private final List<FetchProgress> progress = new ArrayList<>();

  @BeforeAll
  static void open(TestDatabase database) {
    db = Database.builder().url(database.url()).maxSize(6).open();
  }

  @AfterAll
  static void close() {
    db.close();
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockHistorical(KEY, 512);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** What the API sends for a start: the records at or after it, of the times given. */
  static byte[] stream(LongStream times, long start) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(
            out,
            Metadata.of("GLBX.MDP3", Schema.MBO, start, TS + 1_000_000),
            DbnEncoder.Compression.ZSTD)) {
      times.filter(t -> t >= start).forEach(t -> encoder.write(LedgerLoadTest.mbo(t, t - TS)));
    }
    return out.toByteArray();
  }

  private LoadReport fetch(String schema, List<RangeRequest> requests) {
    HistoricalClient client =
        HistoricalClient.builder(ApiKey.of(KEY)).baseUrl(server.url()).build();
    return DbnLoader.builder(db)
        .prefix(new TablePrefix(schema, ""))
        .batchRows(100)
        .build()
        .fetch(client, requests, progress::add);
  }

  private static RangeRequest request(List<String> symbols) {
    return new RangeRequest(
        "GLBX.MDP3",
        "mbo",
        symbols,
        Long.toString(TS),
        Long.toString(TS + 1_000_000),
        "raw_symbol",
        0);
  }

  private static long count(String sql) {
    return db.sql(sql).scalar(Long.class);
  }

  @Test
  void fetchingARangeTwice_loadsItOnce_andSendsNothingTheSecondTime() {
    server.then(Answer.bytes(stream(LongStream.range(0, 700).map(i -> TS + i), TS)));

    LoadReport first = fetch("f1", List.of(request(List.of("ESH6"))));
    LoadReport again = fetch("f1", List.of(request(List.of("ESH6"))));

    assertThat(first.tables()).containsExactly(new TableReport("f1.mbo", 700, 700, 0));
    assertThat(again.sourcesSkipped()).isEqualTo(1);
    assertThat(server.seen()).hasSize(1);
    assertThat(count("SELECT count(*) FROM f1.mbo")).isEqualTo(700);
    assertThat(progress.get(progress.size() - 1).rowsCommitted()).isZero(); // second run: none
    assertThat(db.sql("SELECT source LIKE 'fetch:%' FROM f1.dbn_load_ledger").scalar(Boolean.class))
        .isTrue();
  }

  @Test
  void cutStream_keepsItsCommittedRows_andTheNextFetchResumesThereWithoutDuplicates() {
    byte[] whole = stream(LongStream.range(0, 5000).map(i -> TS + i), TS);
    server.then(Answer.bytes(whole).cutAt(whole.length / 2));
    server.then(
        form ->
            Answer.bytes(
                stream(
                    LongStream.range(0, 5000).map(i -> TS + i),
                    Long.parseLong(String.valueOf(form.get("start"))))));

    assertThatThrownBy(() -> fetch("f2", List.of(request(List.of("ESH6")))))
        .isInstanceOfAny(UncheckedIOException.class, DbnException.class);
    long kept = count("SELECT count(*) FROM f2.mbo");
    long resume = count("SELECT resume_ns FROM f2.dbn_load_ledger WHERE NOT complete");
    LoadReport resumed = fetch("f2", List.of(request(List.of("ESH6"))));

    assertThat(kept).isBetween(1L, 4999L);
    assertThat(resume).isEqualTo(TS + kept - 1);
    assertThat(server.seen().get(1).form()).containsEntry("start", Long.toString(resume));
    assertThat(resumed.sourcesSkipped()).isZero();
    assertThat(count("SELECT count(*) FROM f2.mbo")).isEqualTo(5000);
    assertThat(count("SELECT count(DISTINCT order_id) FROM f2.mbo")).isEqualTo(5000);
    assertThat(count("SELECT sum(order_id) FROM f2.mbo")).isEqualTo(4999L * 5000 / 2);
    assertThat(count("SELECT count(*) FROM f2.dbn_load_ledger WHERE complete AND staged"))
        .isEqualTo(1);
  }

  /** 4,999 records, three at each nanosecond. */
  private static LongStream threePerNanosecond() {
    return LongStream.range(0, 4999).map(i -> TS + i / 3);
  }

  /**
   * The connection drops among records that share their timestamps (three per nanosecond, told
   * apart by their tie numbers): the resumed request starts at the last committed time, sends the
   * records of that time again, and the table's key keeps those already there. (How many records
   * came before the drop depends on what the client had read, so the test holds wherever it falls.)
   */
  @Test
  void droppedConnectionAmongTies_resumesWithoutDuplicatesOrGaps() {
    byte[] whole = stream(threePerNanosecond(), TS);
    server.then(Answer.bytes(whole).dropAt(whole.length / 2 + 7));
    server.then(
        form ->
            Answer.bytes(
                stream(threePerNanosecond(), Long.parseLong(String.valueOf(form.get("start"))))));

    assertThatThrownBy(() -> fetch("f4", List.of(request(List.of("ESH6")))))
        .isInstanceOfAny(UncheckedIOException.class, DbnException.class);
    long kept = count("SELECT count(*) FROM f4.mbo");
    fetch("f4", List.of(request(List.of("ESH6"))));

    assertThat(kept).isBetween(1L, 4998L);
    assertThat(server.seen().get(1).form())
        .as("the resumed request starts at the last committed nanosecond")
        .containsEntry("start", Long.toString(TS + (kept - 1) / 3));
    assertThat(db.sql("SELECT order_id FROM f4.mbo ORDER BY ts_recv_ns, tie").as(Long.class).list())
        .as("each record once, in order: the order id is its nanosecond")
        .containsExactlyElementsOf(threePerNanosecond().map(t -> t - TS).boxed().toList());
    assertThat(count("SELECT count(DISTINCT (ts_recv_ns, tie)) FROM f4.mbo")).isEqualTo(4999);
  }

  @Test
  void moreThan2000Symbols_areSplitIntoRequests_loadedInOrder() {
    List<String> symbols = IntStream.range(0, 2001).mapToObj(i -> "S" + i).toList();
    server.then(Answer.bytes(stream(LongStream.range(0, 100).map(i -> TS + i), TS)));
    server.then(Answer.bytes(stream(LongStream.range(100, 150).map(i -> TS + i), TS)));

    LoadReport report = fetch("f3", request(symbols).split(Long.MAX_VALUE));

    assertThat(server.seen())
        .extracting(seen -> String.valueOf(seen.form().get("symbols")).split(",").length)
        .containsExactly(2000, 1);
    assertThat(report.tables()).containsExactly(new TableReport("f3.mbo", 150, 150, 0));
    assertThat(count("SELECT count(*) FROM f3.dbn_load_ledger WHERE complete")).isEqualTo(2);
  }
}
