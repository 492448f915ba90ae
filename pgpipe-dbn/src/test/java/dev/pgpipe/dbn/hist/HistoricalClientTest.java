package dev.pgpipe.dbn.hist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.dbn.DbnDecoder;
import dev.pgpipe.dbn.DbnEncoder;
import dev.pgpipe.dbn.DbnRecord;
import dev.pgpipe.dbn.DecodeOptions;
import dev.pgpipe.dbn.MboMsg;
import dev.pgpipe.dbn.Metadata;
import dev.pgpipe.dbn.RType;
import dev.pgpipe.dbn.RecordHeader;
import dev.pgpipe.dbn.Schema;
import dev.pgpipe.dbn.live.ApiKey;
import dev.pgpipe.dbn.live.ReconnectPolicy;
import dev.pgpipe.testkit.MockHistorical;
import dev.pgpipe.testkit.MockHistorical.Answer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Historical client against a scripted server on loopback. */
class HistoricalClientTest {

  static final String KEY = "db-abcdefghijklmnopqrstuvwxyzABC";
  static final long TS = 1_767_225_600_000_000_000L;

  private MockHistorical server;
  private final List<Duration> waits = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = new MockHistorical(KEY, 32);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HistoricalClient client(String key) {
    return HistoricalClient.builder(ApiKey.of(key))
        .baseUrl(server.url())
        .warnings(warnings::add)
        .retry(ReconnectPolicy.backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 3))
        .sleeper(waits::add)
        .build();
  }

  static byte[] mboStream(int count) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DbnEncoder encoder =
        DbnEncoder.of(
            out,
            Metadata.of("GLBX.MDP3", Schema.MBO, TS, TS + count),
            DbnEncoder.Compression.ZSTD)) {
      for (int i = 0; i < count; i++) {
        encoder.write(
            new MboMsg(
                new RecordHeader(RType.MBO, 1, 7, TS + i),
                i,
                100,
                1,
                0,
                0,
                'A',
                'B',
                TS + i,
                0,
                i));
      }
    }
    return out.toByteArray();
  }

  private static RangeRequest request(List<String> symbols) {
    return new RangeRequest(
        "GLBX.MDP3", "mbo", symbols, "2026-01-01", "2026-01-02", "raw_symbol", 0);
  }

  @Test
  void getRange_streamsZstdDbnInSmallChunks_withBasicAuthAndTheOfficialFormFields()
      throws IOException {
    server.then(Answer.bytes(mboStream(300)));

    List<DbnRecord> records;
    try (InputStream body = client(KEY).getRange(request(List.of("ESH6", "ES FUT")));
        DbnDecoder decoder = DbnDecoder.of(body, DecodeOptions.defaults())) {
      records = decoder.readAll();
    }

    assertThat(records).hasSize(300);
    assertThat(((MboMsg) records.get(299)).orderId()).isEqualTo(299);
    MockHistorical.Seen seen = server.seen().get(0);
    assertThat(seen.path()).isEqualTo("/v0/timeseries.get_range");
    assertThat(seen.accept()).isEqualTo("application/octet-stream");
    assertThat(seen.form())
        .containsExactly(
            entry("dataset", "GLBX.MDP3"),
            entry("symbols", "ESH6,ES FUT"),
            entry("schema", "mbo"),
            entry("start", "2026-01-01"),
            entry("end", "2026-01-02"),
            entry("stype_in", "raw_symbol"),
            entry("stype_out", "instrument_id"),
            entry("encoding", "dbn"),
            entry("compression", "zstd"));
  }

  @Test
  void aBodyThatStalls_failsAfterTheReadTimeout_withWhatCameBeforeRead() throws IOException {
    byte[] stream = mboStream(300);
    server.then(Answer.bytes(stream).stallAt(stream.length / 2));
    HistoricalClient client =
        HistoricalClient.builder(ApiKey.of(KEY))
            .baseUrl(server.url())
            .readTimeout(Duration.ofSeconds(2))
            .build();

    ByteArrayOutputStream read = new ByteArrayOutputStream();
    try (InputStream body = client.getRange(request(List.of("ESH6")))) {
      assertThatThrownBy(() -> body.transferTo(read))
          .isInstanceOf(IOException.class)
          .hasMessage(
              "no data for 2 s from timeseries.get_range: the server or the network stalled (the"
                  + " limit is the client's read timeout); run the same request again");
      assertThatThrownBy(() -> body.read())
          .as("a read after the timeout fails at once, the same way")
          .hasMessageStartingWith("no data for 2 s from timeseries.get_range");
    }
    assertThat(read.toByteArray()).isEqualTo(java.util.Arrays.copyOf(stream, stream.length / 2));
  }

  @Test
  void aMetadataAnswerThatStalls_failsAfterTheReadTimeout() {
    server.then(Answer.of(200, "12345").stallAt(2));
    HistoricalClient client =
        HistoricalClient.builder(ApiKey.of(KEY))
            .baseUrl(server.url())
            .readTimeout(Duration.ofSeconds(2))
            .build();

    assertThatThrownBy(() -> client.recordCount(request(List.of("ESH6"))))
        .isInstanceOf(HistoricalException.class)
        .hasMessageContaining("metadata.get_record_count")
        .hasMessageContaining("no data for 2 s");
  }

  private static java.util.Map.Entry<String, String> entry(String k, String v) {
    return java.util.Map.entry(k, v);
  }

  @Test
  void wrongKey_401_saysTheServersDetailAndRequestId_neverTheKey() {
    String wrong = "db-ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ";
    assertThatThrownBy(() -> client(wrong).recordCount(request(List.of("ESH6"))))
        .isInstanceOfSatisfying(
            HistoricalException.class, e -> assertThat(e.status()).isEqualTo(401))
        .hasMessage(
            "metadata.get_record_count failed with HTTP 401: Authorization failed: illegal chars"
                + " in username. (request-id req-401)")
        .hasMessageNotContaining(wrong)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void structured422_givesMessageCaseAndDocs() {
    server.then(
        Answer.of(
                422,
                "{\"detail\":{\"case\":\"data_start_before_available_start\",\"message\":\"The"
                    + " dataset starts at 2010-06-06.\",\"status_code\":422,\"docs\":"
                    + "\"https://databento.com/docs\",\"payload\":{\"dataset\":\"GLBX.MDP3\"}}}")
            .header("request-id", "req-422"));

    assertThatThrownBy(() -> client(KEY).getRange(request(List.of("ESH6"))))
        .isInstanceOfSatisfying(
            HistoricalException.class,
            e -> assertThat(e.reason()).isEqualTo("data_start_before_available_start"))
        .hasMessage(
            "timeseries.get_range failed with HTTP 422: The dataset starts at 2010-06-06."
                + " [data_start_before_available_start] (see https://databento.com/docs)"
                + " (request-id req-422)");
  }

  @Test
  void nonJsonBody_isShownRawAndShortened() {
    String html = "<html>" + "x".repeat(1000) + "</html>";
    server.then(Answer.of(502, html));

    assertThatThrownBy(() -> client(KEY).cost(request(List.of("ESH6"))))
        .hasMessageStartingWith("metadata.get_cost failed with HTTP 502: <html>xxx")
        .hasMessageEndingWith("... (1013 chars)");
  }

  @Test
  void rateLimited429_isRetriedAfterRetryAfter_thenSucceeds() {
    server
        .then(Answer.of(429, "{\"detail\":\"slow down\"}").header("Retry-After", "7"))
        .then(Answer.of(503, "{\"detail\":\"busy\"}").header("Retry-After", "600"))
        .then(Answer.of(200, "123456"));

    assertThat(client(KEY).recordCount(request(List.of("ESH6")))).isEqualTo(123_456);
    assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(30));
    assertThat(server.seen()).hasSize(3);
  }

  @Test
  void retries_stopAfterTheLastAttempt_withTheLastAnswer() {
    server
        .then(Answer.of(504, "{\"detail\":\"gateway 1\"}"))
        .then(Answer.of(504, "{\"detail\":\"gateway 2\"}"))
        .then(Answer.of(504, "{\"detail\":\"gateway 3\"}"))
        .then(Answer.of(200, "1"));

    assertThatThrownBy(() -> client(KEY).recordCount(request(List.of("ESH6"))))
        .hasMessageContaining("HTTP 504: gateway 3");
    assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
  }

  @Test
  void xWarnings_areEachPassedOn_andAnUnparsableOneRaw() {
    server.then(
        Answer.of(200, "4.5")
            .header(
                "X-Warning", "[\"DeprecationWarning: mode is deprecated\",\"BentoWarning: x\"]"));
    server.then(Answer.of(200, "9").header("X-Warning", "not json"));

    assertThat(client(KEY).cost(request(List.of("ESH6"))))
        .isEqualByComparingTo(new BigDecimal("4.5"));
    assertThat(client(KEY).billableSize(request(List.of("ESH6")))).isEqualTo(9);
    assertThat(warnings)
        .containsExactly("DeprecationWarning: mode is deprecated", "BentoWarning: x", "not json");
    assertThat(server.seen().get(1).form()).containsEntry("stype_out", "instrument_id");
  }

  @Test
  void resolve_readsResultPartialAndNotFound() {
    server.then(
        Answer.of(
            200,
            "{\"result\":{\"ESH6\":[{\"d0\":\"2026-01-01\",\"d1\":\"2026-01-02\",\"s\":\"42\"}]},"
                + "\"symbols\":[\"ESH6\",\"NOPE\"],\"partial\":[],\"not_found\":[\"NOPE\"],"
                + "\"message\":\"OK\",\"status\":0}"));

    Resolution resolution =
        client(KEY)
            .resolve(
                "GLBX.MDP3",
                List.of("ESH6", "NOPE"),
                "raw_symbol",
                "instrument_id",
                "2026-01-01",
                "2026-01-02");

    assertThat(resolution.result())
        .containsEntry("ESH6", List.of(new Resolution.Interval("2026-01-01", "2026-01-02", "42")));
    assertThat(resolution.notFound()).containsExactly("NOPE");
    assertThat(server.seen().get(0).form()).containsEntry("symbols", "ESH6,NOPE");
  }

  @Test
  void moreThan2000Symbols_areSplit_atTheLimitMinusOneAtAndPlusOne() {
    for (int n : new int[] {1999, 2000, 2001, 4001}) {
      List<String> symbols = IntStream.range(0, n).mapToObj(i -> "S" + i).toList();
      List<RangeRequest> parts = request(symbols).split(Long.MAX_VALUE);
      assertThat(parts).hasSize((n + 1999) / 2000);
      assertThat(parts.stream().flatMap(p -> p.symbols().stream()).toList()).isEqualTo(symbols);
      assertThat(parts.get(0).start()).isEqualTo("1767225600000000000");
    }
  }

  @Test
  void longRange_isSplitIntoSpans_inOrder_coveringItExactly() {
    long day = 86_400_000_000_000L;
    List<RangeRequest> parts =
        new RangeRequest(
                "D", "trades", List.of("A"), "2026-01-01", "2026-01-03T12:00", "raw_symbol", 0)
            .split(day);

    assertThat(parts)
        .extracting(RangeRequest::start, RangeRequest::end)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Long.toString(TS), Long.toString(TS + day)),
            org.assertj.core.groups.Tuple.tuple(
                Long.toString(TS + day), Long.toString(TS + 2 * day)),
            org.assertj.core.groups.Tuple.tuple(
                Long.toString(TS + 2 * day), Long.toString(TS + 2 * day + day / 2)));
  }

  @Test
  void streamCutMidway_endsTheBodyWithAnIoError() {
    byte[] stream = mboStream(2000);
    server.then(Answer.bytes(stream).cutAt(stream.length / 2));

    assertThatThrownBy(
            () -> {
              try (InputStream body = client(KEY).getRange(request(List.of("ESH6")));
                  DbnDecoder decoder = DbnDecoder.of(body, DecodeOptions.defaults())) {
                decoder.readAll();
              }
            })
        .isInstanceOfAny(java.io.UncheckedIOException.class, dev.pgpipe.dbn.DbnException.class);
  }
}
