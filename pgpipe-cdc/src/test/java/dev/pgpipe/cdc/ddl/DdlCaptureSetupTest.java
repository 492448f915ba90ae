package dev.pgpipe.cdc.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pgpipe.cdc.CdcException;
import dev.pgpipe.client.ConnectionSettings;
import dev.pgpipe.testkit.TestDatabase;
import dev.pgpipe.testkit.WithPostgres;
import org.junit.jupiter.api.Test;

/** Installing and removing DDL capture: idempotence, what is left behind, privileges. */
@WithPostgres
class DdlCaptureSetupTest {

  private static final String OURS =
      "SELECT 'trigger ' || evtname || ' on ' || evtevent FROM pg_event_trigger"
          + " WHERE evtname LIKE 'pgpipe%'"
          + " UNION ALL SELECT 'function ' || p.oid::regprocedure::text FROM pg_proc p"
          + " JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'pgpipe'"
          + " UNION ALL SELECT 'schema ' || nspname FROM pg_namespace WHERE nspname = 'pgpipe'"
          + " UNION ALL SELECT 'table ' || c.oid::regclass::text || ' ' || c.relpersistence::text"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'pgpipe' AND c.relkind = 'r'"
          + " ORDER BY 1";

  @Test
  void installIsIdempotent_andRemoveLeavesNothingBehind(TestDatabase db) {
    ConnectionSettings settings = ConnectionSettings.parse(db.url());
    assertThat(DdlCapture.installed(settings)).isFalse();

    assertThat(DdlCapture.install(settings)).isEmpty();
    assertThat(DdlCapture.install(settings)).isEmpty();

    assertThat(DdlCapture.installed(settings)).isTrue();
    assertThat(db.strings(OURS))
        .containsExactly(
            "function pgpipe.ddl_capture()",
            "function pgpipe.ddl_capture_describe(text)",
            "function pgpipe.ddl_capture_remember(jsonb)",
            "function pgpipe.ddl_capture_table(oid)",
            "schema pgpipe",
            "table pgpipe.ddl_shapes u",
            "trigger pgpipe_ddl_command_end on ddl_command_end",
            "trigger pgpipe_sql_drop on sql_drop",
            "trigger pgpipe_table_rewrite on table_rewrite");

    assertThat(DdlCapture.remove(settings))
        .containsExactly(
            "event trigger pgpipe_ddl_command_end",
            "event trigger pgpipe_sql_drop",
            "event trigger pgpipe_table_rewrite",
            "function pgpipe.ddl_capture()",
            "function pgpipe.ddl_capture_describe(text)",
            "function pgpipe.ddl_capture_remember(jsonb)",
            "function pgpipe.ddl_capture_table(oid)",
            "table pgpipe.ddl_shapes",
            "schema pgpipe");
    assertThat(db.strings(OURS)).isEmpty();
    assertThat(DdlCapture.installed(settings)).isFalse();
    assertThat(DdlCapture.remove(settings)).as("nothing left to remove").isEmpty();
  }

  @Test
  void removeKeepsTheSchemaWhenSomethingElseLivesThere(TestDatabase db) {
    ConnectionSettings settings = ConnectionSettings.parse(db.url());
    DdlCapture.install(settings);
    db.execute("CREATE TABLE pgpipe.buffer_like (id int)");

    assertThat(DdlCapture.remove(settings)).doesNotContain("schema pgpipe").hasSize(8);

    assertThat(db.strings(OURS)).containsExactly("schema pgpipe", "table pgpipe.buffer_like p");
    db.execute("DROP SCHEMA pgpipe CASCADE");
  }

  @Test
  void anOrdinaryRoleIsToldWhichPrivilegeIsMissing(TestDatabase db) {
    db.execute(
        "DROP ROLE IF EXISTS \"app user\"", "CREATE ROLE \"app user\" LOGIN PASSWORD 'app-pw'");
    try {
      ConnectionSettings own = ConnectionSettings.parse(db.url());
      ConnectionSettings app =
          new ConnectionSettings(
              own.host(), own.port(), own.database(), "app user", "app-pw", own.parameters());

      assertThatThrownBy(() -> DdlCapture.install(app))
          .isInstanceOfSatisfying(
              CdcException.class, e -> assertThat(e.sqlState()).isEqualTo("42501"))
          .hasMessageContaining("role app user is not a superuser")
          .hasMessageContaining("only superusers create and drop event triggers")
          .hasMessageContaining("ALTER ROLE \"app user\" SUPERUSER")
          .hasMessageNotContaining("app-pw");
      assertThatThrownBy(() -> DdlCapture.remove(app))
          .hasMessageContaining("cannot remove DDL capture");
      assertThat(db.strings(OURS)).isEmpty();
    } finally {
      db.execute("DROP ROLE \"app user\"");
    }
  }
}
