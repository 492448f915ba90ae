package dev.pgpipe.cdc.ddl;

import dev.pgpipe.cdc.CdcException;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.client.Database;
import dev.pgpipe.client.Identifier;
import dev.pgpipe.client.RunningTransaction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Installs and removes DDL capture on a source database: four functions in schema {@value #SCHEMA}
 * ({@link #FUNCTIONS}), the unlogged table {@value #SHAPES} of each table's last captured shape
 * (filled with every table's shape at install) and three event triggers, {@code
 * pgpipe_ddl_command_end}, {@code pgpipe_sql_drop} and {@code pgpipe_table_rewrite}, that write
 * each DDL command as a transactional {@value DdlEvents#PREFIX} logical message (format: {@link
 * DdlDecoder}). Both operations are idempotent and run in one transaction each.
 *
 * <p>PostgreSQL lets only superusers create event triggers, so both check {@code rolsuper} first
 * and fail with what to do. The trigger function runs as its owner ({@code SECURITY DEFINER}) with
 * {@code search_path = pg_catalog, pg_temp}, so DDL by any role is captured, and it never makes a
 * DDL statement fail: a command it cannot describe becomes an {@link DdlEvent.Uncaptured} message
 * and a WARNING. Logical messages reach pgoutput from PostgreSQL 14 on, so older servers are
 * refused.
 */
public final class DdlCapture {

  /** The schema that holds the functions. */
  public static final String SCHEMA = "pgpipe";

  /** The event triggers, one per event. */
  public static final List<String> TRIGGERS =
      List.of("pgpipe_ddl_command_end", "pgpipe_sql_drop", "pgpipe_table_rewrite");

  /** The functions, by signature. */
  public static final List<String> FUNCTIONS =
      List.of(
          "ddl_capture()",
          "ddl_capture_describe(text)",
          "ddl_capture_remember(jsonb)",
          "ddl_capture_table(oid)");

  /** The table of the shapes the last captured command left, by relation OID (unlogged). */
  public static final String SHAPES = "ddl_shapes";

  private static final String INSUFFICIENT_PRIVILEGE = "42501";
  private static final String FEATURE_NOT_SUPPORTED = "0A000";

  private DdlCapture() {}

  /**
   * Installs the functions and triggers, replacing an older installation. Returns warnings (e.g.
   * {@code wal_level} is not {@code logical}, so nothing can decode the messages yet).
   *
   * @throws CdcException when the role is not a superuser or the server is older than 14
   */
  public static List<String> install(ConnectionSettings settings) {
    try (Database db = open(settings)) {
      checkServer(db, "install");
      db.useTransaction(tx -> statements().forEach(sql -> tx.sql(sql).update()));
      String walLevel = db.sql("SELECT current_setting('wal_level')").scalar(String.class);
      return walLevel.equals("logical")
          ? List.of()
          : List.of(
              "wal_level is '"
                  + walLevel
                  + "': the DDL messages are decoded only with 'logical'; run ALTER SYSTEM SET"
                  + " wal_level = logical; then restart PostgreSQL");
    }
  }

  /**
   * Drops the triggers and functions, and schema {@value #SCHEMA} when nothing else is left in it
   * (the change buffer may live there too). Returns what it dropped; nothing when none was there.
   *
   * @throws CdcException when the role is not a superuser
   */
  public static List<String> remove(ConnectionSettings settings) {
    try (Database db = open(settings)) {
      checkServer(db, "remove");
      List<String> dropped = new ArrayList<>();
      db.useTransaction(tx -> dropped.addAll(drop(tx)));
      return dropped;
    }
  }

  /** Whether all three triggers exist and are enabled. */
  public static boolean installed(ConnectionSettings settings) {
    try (Database db = open(settings)) {
      long enabled =
          db.sql(
                  "SELECT count(*) FROM pg_event_trigger WHERE evtname IN (?, ?, ?)"
                      + " AND evtenabled <> 'D'",
                  TRIGGERS.get(0),
                  TRIGGERS.get(1),
                  TRIGGERS.get(2))
              .scalar(Long.class);
      return enabled == TRIGGERS.size();
    }
  }

  private static Database open(ConnectionSettings settings) {
    return Database.builder().settings(settings).maxSize(1).name("pgpipe-ddl-capture").open();
  }

  private static void checkServer(Database db, String action) {
    String role = db.sql("SELECT current_user::text").scalar(String.class);
    boolean superuser =
        db.sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar(Boolean.class);
    if (!superuser) {
      throw new CdcException(
          "cannot "
              + action
              + " DDL capture: role "
              + role
              + " is not a superuser, and PostgreSQL lets only superusers create and drop event"
              + " triggers. Run it as a superuser (e.g. the postgres role), or grant it with"
              + " ALTER ROLE "
              + Identifier.quote(role)
              + " SUPERUSER; on a managed service, use its administrator role if that may create"
              + " event triggers",
          INSUFFICIENT_PRIVILEGE,
          "",
          0,
          null);
    }
    int version = db.sql("SELECT current_setting('server_version_num')::int").scalar(Integer.class);
    if (version < 140000 && action.equals("install")) {
      throw new CdcException(
          "cannot install DDL capture: pgoutput delivers logical messages from PostgreSQL 14 on,"
              + " and this server is "
              + version / 10000
              + "; upgrade the source, or follow schema changes from Relation messages alone",
          FEATURE_NOT_SUPPORTED,
          "",
          0,
          null);
    }
  }

  private static List<String> drop(RunningTransaction tx) {
    List<String> dropped = new ArrayList<>();
    for (String trigger : TRIGGERS) {
      long found =
          tx.sql("SELECT count(*) FROM pg_event_trigger WHERE evtname = ?", trigger)
              .scalar(Long.class);
      if (found > 0) {
        tx.sql("DROP EVENT TRIGGER " + Identifier.quote(trigger)).update();
        dropped.add("event trigger " + trigger);
      }
    }
    String schema = Identifier.quote(SCHEMA);
    for (String function : FUNCTIONS) {
      long found =
          tx.sql(
                  "SELECT count(*) FROM pg_proc WHERE oid = to_regprocedure(?)",
                  SCHEMA + "." + function)
              .scalar(Long.class);
      if (found > 0) {
        tx.sql("DROP FUNCTION " + schema + "." + quoteFunction(function)).update();
        dropped.add("function " + SCHEMA + "." + function);
      }
    }
    long shapes =
        tx.sql("SELECT count(*) FROM pg_class WHERE oid = to_regclass(?)", SCHEMA + "." + SHAPES)
            .scalar(Long.class);
    if (shapes > 0) {
      tx.sql("DROP TABLE " + schema + "." + Identifier.quote(SHAPES)).update();
      dropped.add("table " + SCHEMA + "." + SHAPES);
    }
    if (schemaIsEmpty(tx)) {
      tx.sql("DROP SCHEMA " + schema).update();
      dropped.add("schema " + SCHEMA);
    }
    return dropped;
  }

  /** {@code name(args)} with the name quoted. */
  private static String quoteFunction(String signature) {
    int paren = signature.indexOf('(');
    return Identifier.quote(signature.substring(0, paren)) + signature.substring(paren);
  }

  /** Whether the schema exists and no object depends on it (tables, types, functions, ...). */
  private static boolean schemaIsEmpty(RunningTransaction tx) {
    return tx.sql(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace n WHERE n.nspname = ? AND NOT EXISTS"
                + " (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_namespace'::regclass"
                + " AND d.refobjid = n.oid))",
            SCHEMA)
        .scalar(Boolean.class);
  }

  /** The statements of {@code install.sql}, separated by lines holding only {@code ;;}. */
  static List<String> statements() {
    try (InputStream in = DdlCapture.class.getResourceAsStream("install.sql")) {
      if (in == null) {
        throw new IllegalStateException("install.sql is missing from the pgpipe-cdc jar");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Arrays.stream(text.split("\n;;\n"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read install.sql", e);
    }
  }
}
