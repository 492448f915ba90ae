# shellcheck shell=bash
# test/e2e.sh --docker: the compose stack of deploy/compose.yaml, under its own project name so it
# never touches a stack you run. Needs Docker with compose and the images (postgres, nats, and pgpipe,
# built from the Dockerfile). Sourced by test/e2e.sh.

project=pgpipe-e2e
work=$(mktemp -d "${TMPDIR:-/tmp}/pgpipe-e2e.XXXXXX")
printf 'e2e-source-%s\n' "$RANDOM$RANDOM" >"$work/source_password"
printf 'e2e-target-%s\n' "$RANDOM$RANDOM" >"$work/target_password"
export SOURCE_PASSWORD_FILE=$work/source_password TARGET_PASSWORD_FILE=$work/target_password
export PGPIPE_TABLES=public.$table SOURCE_PORT=${E2E_SOURCE_PORT:-15432} TARGET_PORT=${E2E_TARGET_PORT:-15433}
export NATS_PORT=${E2E_NATS_PORT:-14222}

compose() { docker compose -p "$project" -f "$root/deploy/compose.yaml" "$@"; }
sql_in() { # SERVICE SQL
  compose exec -T "$1" psql -X -q -A -t -v ON_ERROR_STOP=1 -U postgres -d postgres -c "$2"
}
src_sql() { sql_in source "$1"; }
dst_sql() { sql_in target "$1"; }

start_sink() { compose up -d --wait sink >/dev/null; }
kill_sink() { compose kill -s KILL sink >/dev/null; }
restart_source() { compose restart source >/dev/null && compose up -d --wait source >/dev/null; }
stop_nats() { compose stop nats >/dev/null; }
start_nats() { compose start nats >/dev/null && compose up -d --wait nats >/dev/null; }

setup() {
  command -v docker >/dev/null && docker compose version >/dev/null 2>&1 ||
    { echo "docker with compose is needed for --docker (try --local)" >&2; return 1; }
  compose up -d --wait source target nats || return 1
  src_sql "create table $table (id int primary key, name text not null, qty int)" >/dev/null || return 1
  compose up -d --build --wait cdc sink
}

cleanup() {
  local status=$?
  [ "$status" != 0 ] && compose logs --tail 30 cdc sink >&2 2>/dev/null
  compose down -v --remove-orphans >/dev/null 2>&1
  rm -rf "$work"
  exit "$status"
}
