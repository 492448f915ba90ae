# shellcheck shell=bash
# test/e2e.sh --local: two embedded PostgreSQL servers (`pgpipe server`), a nats-server child, and
# `pgpipe cdc` and `pgpipe sink` each in a restart loop (as the compose stack's restart policy
# restarts them). Sourced by test/e2e.sh; every process it starts is recorded in $work/*.pid.

PGPIPE=${PGPIPE:-$root/pgpipe}
NATS_SERVER=${NATS_SERVER:-nats-server}
work=$(mktemp -d "${TMPDIR:-/tmp}/pgpipe-e2e.XXXXXX")

free_port() { # a loopback port nobody listens on
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
src_port=$(free_port) dst_port=$(free_port) nats_port=$(free_port)
nats_url=nats://127.0.0.1:$nats_port

sql_at() { # PORT SQL: the result as plain text, one row a line
  if command -v psql >/dev/null 2>&1; then
    PGCONNECT_TIMEOUT=5 psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d postgres -c "$2"
  else
    PGPIPE_HOME=$work/home "$PGPIPE" sql --url "postgres://postgres@127.0.0.1:$1/postgres" --json "$2" |
      sed -E 's/^\{"[^"]*":"?//; s/"?\}$//'
  fi
}
src_sql() { sql_at "$src_port" "$1"; }
dst_sql() { sql_at "$dst_port" "$1"; }

await() { # DESCRIPTION COMMAND...: retries the command for up to 60 s
  local what=$1 deadline=$((SECONDS + 60))
  shift
  until "$@" >/dev/null 2>&1; do
    if [ $SECONDS -ge $deadline ]; then echo "timed out waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

stop_pid() { # NAME [SIGNAL]: stops the process recorded in $work/NAME.pid and waits for it
  local pid
  pid=$(cat "$work/$1.pid" 2>/dev/null) || return 0
  kill "-${2:-TERM}" "$pid" 2>/dev/null
  local deadline=$((SECONDS + 30))
  while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.1; done
  rm -f "$work/$1.pid"
}

start_postgres() { # NAME PORT
  PGPIPE_HOME=$work/home "$PGPIPE" server --data-dir "$work/$1" --port "$2" </dev/null >>"$work/$1.log" 2>&1 &
  echo $! >"$work/$1.pid"
  await "PostgreSQL $1 on port $2" sql_at "$2" "select 1"
}

start_nats() {
  "$NATS_SERVER" -js -a 127.0.0.1 -p "$nats_port" -sd "$work/nats" </dev/null >>"$work/nats.log" 2>&1 &
  echo $! >"$work/nats.pid"
  await "nats-server on port $nats_port" bash -c "exec 3<>/dev/tcp/127.0.0.1/$nats_port"
}
stop_nats() { stop_pid nats TERM; }

supervised() { # NAME COMMAND...: runs the command again 1 s after it ends, until stopped
  local name=$1
  shift
  (
    trap 'kill -TERM "$child" 2>/dev/null; wait "$child"; exit 0' TERM
    while :; do
      "$@" </dev/null >>"$work/$name.log" 2>&1 &
      child=$!
      echo "$child" >"$work/$name.child.pid"
      wait "$child"
      echo "e2e: $name exited ($?); restarting" >>"$work/$name.log"
      sleep 1
    done
  ) </dev/null >/dev/null 2>&1 &
  echo $! >"$work/$name.pid"
}

start_cdc() {
  supervised cdc env PGPIPE_HOME="$work/home" "$PGPIPE" cdc --to "$nats_url" \
    --url "postgres://postgres@127.0.0.1:$src_port/postgres" --tables "public.$table" --slot e2e --publication e2e
}
start_sink() {
  supervised sink env PGPIPE_HOME="$work/home" "$PGPIPE" sink --from "$nats_url" \
    --to "postgres://postgres@127.0.0.1:$dst_port/postgres"
}
kill_sink() { # SIGKILL, as a crash: no graceful stop, no final acknowledgement
  stop_pid sink.child KILL
  stop_pid sink TERM
}

restart_source() {
  stop_pid source TERM
  start_postgres source "$src_port"
}

setup() {
  say "work folder $work; pgpipe: $PGPIPE"
  command -v "$NATS_SERVER" >/dev/null || { echo "nats-server is not installed" >&2; return 1; }
  start_postgres source "$src_port" && start_postgres target "$dst_port" && start_nats || return 1
  src_sql "create table $table (id int primary key, name text not null, qty int)" >/dev/null || return 1
  start_cdc
  start_sink
  await "the replication slot" src_sql "select 1 from pg_replication_slots where slot_name = 'e2e' and active" 
}

cleanup() {
  local status=$?
  for name in sink cdc; do stop_pid "$name" TERM; stop_pid "$name.child" KILL; done
  stop_pid nats TERM
  stop_pid source TERM
  stop_pid target TERM
  if [ "$status" != 0 ] || [ "${E2E_KEEP_LOGS:-}" = 1 ]; then
    for log in "$work"/*.log; do
      [ -f "$log" ] || continue
      echo "---- $(basename "$log") (last 15 lines)" >&2
      tail -n 15 "$log" >&2
    done
  fi
  rm -rf "$work"
  exit "$status"
}
