package dev.pgpipe.bench.replicate;

import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.List;

/**
 * The benchmark's databases on one server: the source ({@value #SOURCE}, with publication {@value
 * #PUBLICATION}) and a target per apply path ({@value #NATIVE} for the subscription, {@value
 * #PGPIPE} for {@code pgpipe replicate}, {@value #BUFFER} for the change buffer, {@value #NATS} for
 * JetStream), all with the tables of {@link Tables}, and a slot per path. {@link #reset} makes the
 * source and the targets of the paths it is given afresh; {@link #close()} drops every one of them,
 * the slots and the subscription a run may have left. Not thread-safe.
 */
final class Cluster implements AutoCloseable {

  static final String SOURCE = "pgpipe_bench_source";
  static final String NATIVE = "pgpipe_bench_native_target";
  static final String PGPIPE = "pgpipe_bench_pgpipe_target";
  static final String BUFFER = "pgpipe_bench_buffer_target";
  static final String NATS = "pgpipe_bench_nats_target";
  static final String PUBLICATION = "bench_replicate";
  static final String NATIVE_SLOT = "bench_replicate_native";
  static final String PGPIPE_SLOT = "bench_replicate_pgpipe";
  static final String BUFFER_SLOT = "bench_replicate_buffer";
  static final String NATS_SLOT = "bench_replicate_nats";

  private static final List<String> DATABASES = List.of(SOURCE, NATIVE, PGPIPE, BUFFER, NATS);
  private static final List<String> SLOTS =
      List.of(NATIVE_SLOT, PGPIPE_SLOT, BUFFER_SLOT, NATS_SLOT);

  private final ConnectionSettings admin;

  Cluster(ConnectionSettings admin) {
    this.admin = admin;
  }

  ConnectionSettings source() {
    return admin.withDatabase(SOURCE);
  }

  ConnectionSettings nativeTarget() {
    return admin.withDatabase(NATIVE);
  }

  ConnectionSettings pgpipeTarget() {
    return admin.withDatabase(PGPIPE);
  }

  ConnectionSettings bufferTarget() {
    return admin.withDatabase(BUFFER);
  }

  ConnectionSettings natsTarget() {
    return admin.withDatabase(NATS);
  }

  /**
   * Drops what a previous run left, then creates the source (tables and publication) and the
   * targets of {@code paths} (tables).
   */
  void reset(List<ApplyPath> paths) {
    drop();
    List<ConnectionSettings> targets = paths.stream().map(ApplyPath::target).toList();
    try (Database db = open(admin)) {
      db.sql("CREATE DATABASE " + SOURCE).update();
      for (ConnectionSettings target : targets) {
        db.sql("CREATE DATABASE " + target.database()).update();
      }
    }
    try (Database source = open(source())) {
      Tables.source().forEach(ddl -> source.sql(ddl).update());
      source
          .sql(
              "CREATE PUBLICATION "
                  + PUBLICATION
                  + " FOR TABLE "
                  + String.join(", ", Tables.PUBLISHED))
          .update();
    }
    for (ConnectionSettings target : targets) {
      try (Database db = open(target)) {
        Tables.target().forEach(ddl -> db.sql(ddl).update());
      }
    }
  }

  /** Creates a pgoutput slot on the source; changes committed from now on are kept for it. */
  void createSlot(String slot) {
    try (Database source = open(source())) {
      source
          .sql("SELECT lsn::text FROM pg_create_logical_replication_slot(?, 'pgoutput')", slot)
          .scalar(String.class);
    }
  }

  /** Whether a walsender streams from the slot. */
  boolean slotActive(String slot) {
    return Slots.list(admin).stream().anyMatch(s -> s.name().equals(slot) && s.active());
  }

  static Database open(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(1).name("bench-replicate").open();
  }

  private void drop() {
    NativeSubscription.dropLeftover(admin);
    for (SlotInfo slot : Slots.list(admin)) {
      if (SLOTS.contains(slot.name())) {
        Slots.drop(admin, slot.name(), true);
      }
    }
    try (Database db = open(admin)) {
      for (String name : DATABASES) {
        db.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
      }
    }
  }

  @Override
  public void close() {
    drop();
  }
}
