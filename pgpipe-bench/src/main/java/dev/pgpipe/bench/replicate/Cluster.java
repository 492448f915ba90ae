package dev.pgpipe.bench.replicate;

import dev.pgpipe.cdc.SlotInfo;
import dev.pgpipe.cdc.Slots;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import java.util.List;

/**
 * The benchmark's three databases on one server: the source ({@value #SOURCE}, with publication
 * {@value #PUBLICATION}) and the two targets ({@value #NATIVE} for the subscription, {@value
 * #PGPIPE} for {@code pgpipe replicate}), all with the tables of {@link Tables}, and the two slots,
 * {@value #NATIVE_SLOT} and {@value #PGPIPE_SLOT}. {@link #reset()} makes them afresh and {@link
 * #close()} drops them, and the subscription a run may have left. Not thread-safe.
 */
final class Cluster implements AutoCloseable {

  static final String SOURCE = "pgpipe_bench_source";
  static final String NATIVE = "pgpipe_bench_native_target";
  static final String PGPIPE = "pgpipe_bench_pgpipe_target";
  static final String PUBLICATION = "bench_replicate";
  static final String NATIVE_SLOT = "bench_replicate_native";
  static final String PGPIPE_SLOT = "bench_replicate_pgpipe";

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

  /** Drops what a previous run left, then creates the databases, tables and publication. */
  void reset() {
    drop();
    try (Database db = open(admin)) {
      for (String name : List.of(SOURCE, NATIVE, PGPIPE)) {
        db.sql("CREATE DATABASE " + name).update();
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
    for (ConnectionSettings target : List.of(nativeTarget(), pgpipeTarget())) {
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
      if (slot.name().equals(NATIVE_SLOT) || slot.name().equals(PGPIPE_SLOT)) {
        Slots.drop(admin, slot.name(), true);
      }
    }
    try (Database db = open(admin)) {
      for (String name : List.of(SOURCE, NATIVE, PGPIPE)) {
        db.sql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").update();
      }
    }
  }

  @Override
  public void close() {
    drop();
  }
}
