package dev.pgpipe.sink.deadletter;

import dev.pgpipe.cdc.Transaction;
import dev.pgpipe.sink.ConflictStrategy;
import dev.pgpipe.sink.SinkConfig;
import dev.pgpipe.sink.TableSink;
import dev.pgpipe.testkit.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A target whose table {@code t} refuses negative {@code n} and whose table {@code u} refuses every
 * row it is sent here, and a sink that feeds it.
 */
final class Letters {

  private Letters() {}

  static TableSink sink(TestDatabase db) {
    return sink(db, db.url());
  }

  /** A sink on {@code url} (a proxy in front of {@code db}, say), after resetting {@code db}. */
  static TableSink sink(TestDatabase db, String url) {
    db.execute(
        "DROP TABLE IF EXISTS t, hits, u",
        "CREATE TABLE t (id int8 PRIMARY KEY, v text,"
            + " n int4 CONSTRAINT t_n_not_negative CHECK (n >= 0))",
        // refuses every row: the sink creates a missing table, so letters of a second table
        // come from a constraint
        "CREATE TABLE u (id int8 PRIMARY KEY, v text, n int4 CONSTRAINT u_refuses CHECK (n < 0))",
        "DROP SCHEMA IF EXISTS pgpipe CASCADE");
    return TableSink.open(
        SinkConfig.builder()
            .url(url)
            .sourceId("test")
            .conflictStrategy(ConflictStrategy.UPSERT)
            .tables(List.of())
            .build());
  }

  static void apply(TableSink sink, Transaction... batch) {
    sink.apply(List.of(batch));
  }

  /** Rows of {@code t} as "id:v:n", by id. */
  static List<String> rows(TableSink sink) {
    return sink.database()
        .sql(
            "SELECT id || ':' || coalesce(v, '-') || ':' || coalesce(n::text, '-') FROM t ORDER BY id")
        .map(r -> r.getString(1))
        .list();
  }

  static Replay replay(TableSink sink) {
    return new Replay(sink.database(), sink.config());
  }

  static DeadLetterStore store(TableSink sink) {
    return DeadLetterStore.sink(sink.database(), sink.config().schema());
  }

  /** Outcome kinds by letter id, e.g. {1=Applied, 2=FailedAgain}. */
  static Map<Long, String> kinds(List<ReplayOutcome> outcomes) {
    return outcomes.stream()
        .collect(
            Collectors.toMap(
                o -> o.letter().id(),
                o -> o.getClass().getSimpleName(),
                (a, b) -> a,
                java.util.LinkedHashMap::new));
  }
}
