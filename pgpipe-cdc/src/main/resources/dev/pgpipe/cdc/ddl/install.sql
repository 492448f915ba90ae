-- pgpipe DDL capture: writes every DDL command into the WAL as a transactional logical message
-- with prefix 'pgpipe.ddl' (format: dev.pgpipe.cdc.ddl.DdlDecoder). Installed by
-- `pgpipe setup-ddl-capture`; statements are separated by lines holding only ';;'.
CREATE SCHEMA IF NOT EXISTS "pgpipe"
;;
-- The shape of every table as the last captured command left it, so that the next command's
-- message carries the columns before it too ('before') and a consumer can tell a renamed column
-- (same attnum, new name) from a dropped and an added one. UNLOGGED: logical replication does not
-- publish it (not even FOR ALL TABLES), and writing it costs the DDL no WAL. A crash empties it;
-- the next command on a table then has no 'before', and DdlCapture.install fills it again.
CREATE UNLOGGED TABLE IF NOT EXISTS "pgpipe"."ddl_shapes" (
  relid oid PRIMARY KEY,
  shape jsonb NOT NULL
)
;;
REVOKE ALL ON "pgpipe"."ddl_shapes" FROM PUBLIC
;;
-- One table as JSON: OID, schema, name, kind and its live columns in attnum order. Types and
-- defaults are printed with search_path = pg_catalog, so user types and sequences come back
-- schema-qualified. NULL for relations that are not tables, and for temporary tables.
CREATE OR REPLACE FUNCTION "pgpipe"."ddl_capture_table"(relation oid) RETURNS jsonb
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $body$
  SELECT jsonb_build_object(
    'oid', c.oid::int8, 'schema', n.nspname, 'name', c.relname, 'kind', c.relkind::text,
    'columns', coalesce((
      SELECT jsonb_agg(jsonb_build_object(
          'attnum', a.attnum, 'name', a.attname,
          'type', format_type(a.atttypid, a.atttypmod), 'type_oid', a.atttypid::int8,
          'typmod', a.atttypmod, 'not_null', a.attnotnull,
          'default', pg_get_expr(d.adbin, d.adrelid),
          'generated', a.attgenerated::text, 'identity', a.attidentity::text)
        ORDER BY a.attnum)
      FROM pg_attribute a
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped), '[]'::jsonb))
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.oid = relation AND c.relkind IN ('r', 'p', 'f') AND c.relpersistence <> 't'
$body$
;;
-- One command of ddl_command_end with the shape its table had before it ('before': the table as
-- the previous captured command left it, or null when not known) and that shape replaced by the
-- new one. The commands of a statement are remembered in order, so a statement touching one table
-- twice compares each with the one before.
CREATE OR REPLACE FUNCTION "pgpipe"."ddl_capture_remember"(command jsonb) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $body$
DECLARE
  relation oid := (command->'table'->>'oid')::oid;
  previous jsonb;
BEGIN
  IF relation IS NULL THEN
    RETURN command;
  END IF;
  SELECT s.shape INTO previous FROM "pgpipe"."ddl_shapes" s WHERE s.relid = relation;
  INSERT INTO "pgpipe"."ddl_shapes" (relid, shape) VALUES (relation, command->'table')
    ON CONFLICT (relid) DO UPDATE SET shape = EXCLUDED.shape;
  RETURN command || jsonb_build_object('before', previous);
END
$body$
;;
-- What one event trigger call is about, as JSON without version, event and tag; NULL when it
-- concerns nothing captured (temporary objects, objects of extensions, GRANT, ...).
CREATE OR REPLACE FUNCTION "pgpipe"."ddl_capture_describe"(event text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $body$
DECLARE
  items jsonb;
BEGIN
  IF event = 'ddl_command_end' THEN
    SELECT jsonb_agg("pgpipe"."ddl_capture_remember"(jsonb_build_object(
        'tag', c.command_tag, 'object_type', c.object_type, 'identity', c.object_identity,
        'schema', c.schema_name, 'oid', c.objid::int8, 'subid', c.objsubid,
        'table', CASE WHEN c.classid = 'pg_class'::regclass
                      THEN "pgpipe"."ddl_capture_table"(c.objid) END))
      ORDER BY c.ordinality)
      INTO items
      FROM pg_event_trigger_ddl_commands() WITH ORDINALITY AS c
      WHERE c.objid IS NOT NULL AND NOT c.in_extension
        AND coalesce(c.schema_name NOT LIKE 'pg\_temp%', true);
    RETURN CASE WHEN items IS NOT NULL THEN jsonb_build_object('commands', items) END;
  ELSIF event = 'sql_drop' THEN
    SELECT jsonb_agg(jsonb_build_object(
        'object_type', d.object_type, 'identity', d.object_identity,
        'schema', d.schema_name, 'name', d.object_name, 'oid', d.objid::int8,
        'subid', d.objsubid, 'original', d.original)
      ORDER BY d.ordinality)
      INTO items
      FROM pg_event_trigger_dropped_objects() WITH ORDINALITY AS d
      WHERE NOT d.is_temporary AND coalesce(d.schema_name <> 'pg_toast', true);
    DELETE FROM "pgpipe"."ddl_shapes" s
      USING pg_event_trigger_dropped_objects() d
      WHERE s.relid = d.objid AND d.classid = 'pg_class'::regclass AND d.objsubid = 0;
    RETURN CASE WHEN items IS NOT NULL THEN jsonb_build_object('dropped', items) END;
  END IF;
  items := "pgpipe"."ddl_capture_table"(pg_event_trigger_table_rewrite_oid());
  RETURN CASE WHEN items IS NOT NULL THEN jsonb_build_object(
    'oid', pg_event_trigger_table_rewrite_oid()::int8,
    'reason', pg_event_trigger_table_rewrite_reason(), 'table', items) END;
END
$body$
;;
-- The event trigger function for ddl_command_end, sql_drop and table_rewrite. A failure to
-- describe a command never fails the command: it writes a message with the error instead (and a
-- WARNING), so a consumer knows the schema changed there in a way it was not told.
-- The message is written outside the exception block on purpose: that block is a subtransaction,
-- and the reorder buffer positions a transactional message by the end of its WAL record, which is
-- where the parent transaction's next change starts; between (sub)transactions that tie can put the
-- message after that change. Written in the statement's own transaction it keeps its place.
CREATE OR REPLACE FUNCTION "pgpipe"."ddl_capture"() RETURNS event_trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $body$
DECLARE
  message jsonb;
BEGIN
  BEGIN
    message := "pgpipe"."ddl_capture_describe"(TG_EVENT);
  EXCEPTION WHEN OTHERS THEN
    message := jsonb_build_object('error', SQLERRM);
    RAISE WARNING 'pgpipe DDL capture could not describe %: %', TG_TAG, SQLERRM;
  END;
  IF message IS NOT NULL THEN
    message := message || jsonb_build_object('version', 1, 'event', TG_EVENT, 'tag', TG_TAG);
    PERFORM pg_logical_emit_message(true, 'pgpipe.ddl', convert_to(message::text, 'UTF8'));
  END IF;
END
$body$
;;
REVOKE ALL ON FUNCTION "pgpipe"."ddl_capture"() FROM PUBLIC
;;
REVOKE ALL ON FUNCTION "pgpipe"."ddl_capture_table"(oid) FROM PUBLIC
;;
REVOKE ALL ON FUNCTION "pgpipe"."ddl_capture_describe"(text) FROM PUBLIC
;;
REVOKE ALL ON FUNCTION "pgpipe"."ddl_capture_remember"(jsonb) FROM PUBLIC
;;
-- Every table's shape now: what the first captured command on each compares with.
INSERT INTO "pgpipe"."ddl_shapes" (relid, shape)
  SELECT c.oid, "pgpipe"."ddl_capture_table"(c.oid)
  FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'f') AND c.relpersistence = 'p'
    AND n.nspname NOT IN ('pg_catalog', 'information_schema')
  ON CONFLICT (relid) DO UPDATE SET shape = EXCLUDED.shape
;;
DROP EVENT TRIGGER IF EXISTS "pgpipe_ddl_command_end"
;;
CREATE EVENT TRIGGER "pgpipe_ddl_command_end" ON ddl_command_end
  EXECUTE FUNCTION "pgpipe"."ddl_capture"()
;;
DROP EVENT TRIGGER IF EXISTS "pgpipe_sql_drop"
;;
CREATE EVENT TRIGGER "pgpipe_sql_drop" ON sql_drop EXECUTE FUNCTION "pgpipe"."ddl_capture"()
;;
DROP EVENT TRIGGER IF EXISTS "pgpipe_table_rewrite"
;;
CREATE EVENT TRIGGER "pgpipe_table_rewrite" ON table_rewrite
  EXECUTE FUNCTION "pgpipe"."ddl_capture"()
