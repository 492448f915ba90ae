package dev.pgpipe.bench.replicate;

import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * PostgreSQL's own logical replication: a subscription in the target on the pre-made slot, created
 * disabled without copying data ({@link #prepare()}) and then enabled ({@link #start()}), with the
 * subscription's {@code synchronous_commit} when one is given (PostgreSQL's default is {@code off}:
 * the worker confirms a position to the source only once its own WAL is flushed); the apply
 * worker's failures show in {@code pg_stat_subscription_stats}. Closing disables it, detaches it
 * from the slot and drops it; the slot stays for the {@link Cluster} to drop.
 */
record NativeSubscription(
    ConnectionSettings source,
    ConnectionSettings target,
    String slot,
    @Nullable String synchronousCommit)
    implements ApplyPath {

  static final String NAME = "bench_replicate_native";

  @Override
  public String name() {
    return "native";
  }

  @Override
  public void prepare() {
    try (Database db = Cluster.open(target)) {
      db.sql(
              "CREATE SUBSCRIPTION "
                  + NAME
                  + " CONNECTION '"
                  + conninfo(source).replace("'", "''")
                  + "' PUBLICATION "
                  + Cluster.PUBLICATION
                  + " WITH (create_slot = false, slot_name = '"
                  + slot
                  + "', copy_data = false, enabled = false"
                  + (synchronousCommit == null
                      ? ""
                      : ", synchronous_commit = '" + synchronousCommit.replace("'", "''") + "'")
                  + ")")
          .update();
    }
  }

  @Override
  public Running start() {
    Database db = Cluster.open(target);
    db.sql("ALTER SUBSCRIPTION " + NAME + " ENABLE").update();
    return new Running() {
      @Override
      public void check() {
        long errors =
            db.sql(
                    "SELECT coalesce(sum(apply_error_count), 0)::int8"
                        + " FROM pg_stat_subscription_stats WHERE subname = ?",
                    NAME)
                .scalar(Long.class);
        if (errors > 0) {
          throw new IllegalStateException(
              "the subscription's apply worker failed "
                  + errors
                  + " times; its errors are in the server log");
        }
      }

      @Override
      public void close() {
        try (db) {
          drop(db);
        }
      }
    };
  }

  /** Drops the benchmark's subscription if a run left it, in whichever database it is. */
  static void dropLeftover(ConnectionSettings admin) {
    List<String> databases;
    try (Database db = Cluster.open(admin)) {
      databases =
          db.sql(
                  "SELECT d.datname FROM pg_subscription s JOIN pg_database d"
                      + " ON d.oid = s.subdbid WHERE s.subname = ?",
                  NAME)
              .as(String.class)
              .list();
    }
    for (String database : databases) {
      try (Database db = Cluster.open(admin.withDatabase(database))) {
        drop(db);
      }
    }
  }

  private static void drop(Database db) {
    db.sql("ALTER SUBSCRIPTION " + NAME + " DISABLE").update();
    db.sql("ALTER SUBSCRIPTION " + NAME + " SET (slot_name = NONE)").update();
    db.sql("DROP SUBSCRIPTION " + NAME).update();
  }

  /** The libpq connection string of the source (with its password, if it has one). */
  private static String conninfo(ConnectionSettings source) {
    StringBuilder info = new StringBuilder();
    Map<String, String> values =
        new java.util.LinkedHashMap<>(
            Map.of(
                "host", source.host(),
                "port", Integer.toString(source.port()),
                "dbname", source.database(),
                "user", source.user()));
    if (!source.password().isEmpty()) {
      values.put("password", source.password());
    }
    values.forEach(
        (key, value) ->
            info.append(key)
                .append("='")
                .append(value.replace("\\", "\\\\").replace("'", "\\'"))
                .append("' "));
    return info.toString().strip();
  }
}
