package dev.pgpipe.bench.replicate;

import java.util.List;

/**
 * The tables of the benchmark, the same on the source and both targets except for {@code ticks}:
 * the targets add {@code applied_at}, which only they fill (the default, when the row is applied),
 * so lag is read on the server's one clock. {@code accounts.profile} is stored out of line without
 * compression once a row passes about 2 kB, so long profiles are TOASTed and an update that leaves
 * one alone sends it as unchanged. No foreign keys: neither apply path promises the order of rows
 * across tables within a transaction.
 */
final class Tables {

  /** The workload's tables, compared row by row after every run. */
  static final List<String> COMPARED = List.of("accounts", "orders", "events");

  /** Every published table: the workload's and {@code ticks}. */
  static final List<String> PUBLISHED = List.of("accounts", "orders", "events", "ticks");

  private static final List<String> COMMON =
      List.of(
          "CREATE TABLE accounts (id bigint PRIMARY KEY, name text NOT NULL,"
              + " balance numeric(14,2) NOT NULL, tags text[], profile text,"
              + " updated_at timestamptz NOT NULL)",
          "ALTER TABLE accounts ALTER COLUMN profile SET STORAGE EXTERNAL",
          "CREATE TABLE orders (id bigint PRIMARY KEY, account_id bigint NOT NULL,"
              + " status text NOT NULL, items jsonb NOT NULL, quantities int[] NOT NULL,"
              + " total numeric(14,2) NOT NULL)",
          "CREATE TABLE events (id bigint PRIMARY KEY, account_id bigint, kind text NOT NULL,"
              + " payload jsonb, at timestamptz NOT NULL)");

  private Tables() {}

  /** The statements that create the source's tables. */
  static List<String> source() {
    return with(
        "CREATE TABLE ticks (id bigint PRIMARY KEY,"
            + " sent_at timestamptz NOT NULL DEFAULT clock_timestamp())");
  }

  /** The statements that create a target's tables. */
  static List<String> target() {
    return with(
        "CREATE TABLE ticks (id bigint PRIMARY KEY, sent_at timestamptz NOT NULL,"
            + " applied_at timestamptz NOT NULL DEFAULT clock_timestamp())");
  }

  private static List<String> with(String ticks) {
    return java.util.stream.Stream.concat(COMMON.stream(), java.util.stream.Stream.of(ticks))
        .toList();
  }
}
