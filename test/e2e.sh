#!/usr/bin/env bash
# End-to-end test of the seed pipeline: source PostgreSQL -> pgpipe cdc -> NATS JetStream ->
# pgpipe sink -> target PostgreSQL.
#
#   test/e2e.sh --local    embedded PostgreSQL (two `pgpipe server`s) and a local nats-server
#   test/e2e.sh --docker   the compose stack of deploy/compose.yaml (needs Docker and its images)
#
# Seven scenarios, one PASS or FAIL line each, then a summary; exit 0 only when all pass.
# Everything it starts is stopped and its temporary folder removed on exit, also on Ctrl-C.
# PGPIPE names the pgpipe to run (default: ./pgpipe of this checkout; CI uses the distribution's
# bin/pgpipe). E2E_TIMEOUT is how long, in seconds, a scenario waits for the target (default 60).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:---local}
timeout=${E2E_TIMEOUT:-60}
passed=0 failed=0
table=e2e_items

say() { printf '%s\n' "e2e: $*" >&2; }
pass() { passed=$((passed + 1)); printf 'PASS %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf 'FAIL %s: %s\n' "$1" "$2"; }

case "$mode" in
  --local) . "$root/test/e2e-local.sh" ;;
  --docker) . "$root/test/e2e-docker.sh" ;;
  *) echo "usage: test/e2e.sh [--local|--docker]" >&2; exit 2 ;;
esac
# The mode file defines: setup, cleanup, src_sql SQL, dst_sql SQL, start_sink, kill_sink,
# restart_source, stop_nats, start_nats.
trap cleanup EXIT
trap 'exit 130' INT TERM

# One line that changes whenever any row of the table differs: count and md5 of all rows in order.
checksum_sql="select count(*) || ':' || coalesce(md5(string_agg(t::text, '|' order by id)), '-') from $table t"

# Waits until the target's checksum equals the source's; prints both on timeout.
converged() {
  local want got deadline=$((SECONDS + timeout))
  want=$(src_sql "$checksum_sql")
  while [ $SECONDS -lt $deadline ]; do
    got=$(dst_sql "$checksum_sql" 2>/dev/null || true)
    [ "$got" = "$want" ] && return 0
    sleep 0.5
  done
  echo "source $want, target ${got:-unreachable}"
  return 1
}

scenario() { # NAME FUNCTION: runs it, prints PASS or FAIL
  local name=$1 why
  if why=$("$2" 2>&1); then pass "$name"; else fail "$name" "$(printf '%s' "$why" | tail -n 3 | tr '\n' ' ')"; fi
}

s1_insert_update_delete() {
  src_sql "insert into $table (id, name, qty) values (1, 'one', 1), (2, 'two', 2), (3, 'three', 3)" >/dev/null &&
    src_sql "update $table set qty = 20, name = 'two (updated)' where id = 2" >/dev/null &&
    src_sql "delete from $table where id = 3" >/dev/null &&
    converged
}

s2_multi_row_transaction() {
  src_sql "with i as (insert into $table (id, name, qty) select g, 'tx-' || g, g from generate_series(100, 149) g),
                u as (update $table set qty = qty + 1 where id = 1)
           delete from $table where id = 2" >/dev/null &&
    converged
}

s3_large_transaction() {
  src_sql "insert into $table (id, name, qty) select g, 'big-' || g, g % 97 from generate_series(1000, 10999) g" >/dev/null &&
    converged
}

s4_sink_killed() {
  kill_sink &&
    src_sql "insert into $table (id, name, qty) select g, 'while-sink-down', g from generate_series(20000, 20099) g" >/dev/null &&
    src_sql "update $table set qty = -1 where id between 1000 and 1099" >/dev/null &&
    start_sink &&
    converged
}

s5_source_restarted() {
  restart_source &&
    src_sql "insert into $table (id, name, qty) select g, 'after-source-restart', g from generate_series(30000, 30099) g" >/dev/null &&
    converged
}

s6_nats_restarted() {
  stop_nats &&
    src_sql "insert into $table (id, name, qty) select g, 'while-nats-down', g from generate_series(40000, 40099) g" >/dev/null &&
    start_nats &&
    src_sql "delete from $table where id between 40000 and 40009" >/dev/null &&
    converged
}

s7_checksum() {
  local source target
  source=$(src_sql "$checksum_sql") && target=$(dst_sql "$checksum_sql") || return 1
  [ "$source" = "$target" ] || { echo "source $source, target $target"; return 1; }
  echo "rows:checksum $source"
}

say "starting ($mode)"
if ! setup; then
  fail "setup" "the pipeline did not start (logs above)"
  exit 1
fi
scenario "1 insert, update and delete captured and applied" s1_insert_update_delete
scenario "2 a multi-row transaction" s2_multi_row_transaction
scenario "3 a 10,000-row transaction" s3_large_transaction
scenario "4 the sink killed and restarted" s4_sink_killed
scenario "5 the source restarted" s5_source_restarted
scenario "6 NATS restarted" s6_nats_restarted
scenario "7 source equals target by checksum" s7_checksum
printf 'e2e %s: %d passed, %d failed\n' "$mode" "$passed" "$failed"
[ "$failed" = 0 ]
