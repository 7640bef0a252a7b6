#!/usr/bin/env bash
# A city on one deployment (issue 18's benchmark; not a test), on PostgreSQL, in one run:
#  - a single-district database: the demo bureau with N generated cases (`fazhi demo --scale N`);
#  - a city database: 天津市司法局 above D district bureaus, 河东区 the full demo and every other district with the cases
#    its lines generate for a district, N reconsideration cases among them (`fazhi demo --city --districts D --scale N`);
# then wrk (2 threads, 32 connections, WRK_SECONDS each) on one district's dashboard and figures — 河东区's leader in the
# single database, 和平区's (`heping`, the same N cases) in the city — the city's dashboard and figures as its leader
# (`shiju`), the district's open-cases queue as its officer and the city's open and overdue queues as its leader; then the same reads of the city with a streaming
# replica (pg_basebackup -R) serving them (DATABASE_READ_URL) while 8 writers register cases in 河东区 (scripts/mixed-load.py,
# as its officer `fuyi`), the same reads of 和平区, which nobody writes to, and of 河东区 (its leader), written to all along.
# Usage: bash scripts/benchmark-city.sh [N] [D]     (default 10000 16)
#        FAZHI_BIN=path/to/release/fazhi …          reuses a built release binary
# Prints a markdown table for the README. Loopback only; every run bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
N=${1:-10000}
D=${2:-16}
YEAR=2025
source scripts/lib/bench-env.sh
source scripts/lib/wrk.sh
seconds_since() { python3 -c "import sys, time; print('%.0f' % (time.time() - float(sys.argv[1])))" "$1"; }

# Serves the database of the environment on a free port (its log $1 in the current folder); sets APP, SERVER. On a
# database's first start the case clock's first pass (5 s after start) runs before the measurement, as on a server up
# for an hour; a later start within the hour has no pass to wait for.
serve() {
  local port log=$1; port=$(free_port); APP="http://127.0.0.1:$port"
  FAZHI_LOG_FORMAT=text "$BIN" serve --port "$port" >"$PWD/$log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do curl -fsS "$APP/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  [ "$log" = server.log ] || return 0
  for _ in $(seq 1 1200); do grep -q "case clock: pass done" "$log" && break; sleep 0.5; done
}
ROWS=()
STAGES=()
# Measures the path $2 as the user $3 and adds a row labelled $1; first, one look's stages (its Server-Timing): a fresh
# count's on a server's first look at that page, and this look warms it for wrk.
row() {
  local token stages; token=$(bench_token "$APP" "$3")
  stages=$( (curl -sS --max-time 120 -o /dev/null -D - -H "Authorization: Bearer $token" "$APP$2" || true) | tr -d '\r' \
    | sed -n 's/^[Ss]erver-[Tt]iming: //p')
  STAGES+=("| $1 | \`$2\` as \`$3\` | ${stages:-no answer} |")
  read -r rate p50 p99 errors <<<"$(wrk_measure "$APP$2" "$token")"
  ROWS+=("| $1 | \`$2\` as \`$3\` | $rate | $p50 ms | $p99 ms | $errors |")
}

use_database PostgreSQL single
start=$(date +%s.%N)
"$BIN" demo --scale "$N" --year $YEAR --text-logs >/dev/null
single_s=$(seconds_since "$start")
serve server.log
row "one district alone ($N cases)" "/dashboard?year=$YEAR" leader
row "one district alone ($N cases)" "/api/v1/report/figures?year=$YEAR" leader
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
cd "$ROOT"

use_database PostgreSQL city
CITY_URL=$DATABASE_URL
start=$(date +%s.%N)
"$BIN" demo --city --districts "$D" --scale "$N" --year $YEAR --text-logs >/dev/null 2>&1
city_s=$(seconds_since "$start")
cases=$(as_pg "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d city -tAc "SELECT COUNT(*) FROM cases")
serve server.log
row "a district of the city" "/dashboard?year=$YEAR" heping
row "a district of the city" "/api/v1/report/figures?year=$YEAR" heping
row "the city" "/dashboard?year=$YEAR" shiju
row "the city" "/api/v1/report/figures?year=$YEAR&org=120000" shiju
row "the city" "/dashboard?year=$YEAR&org=120101" shiju
row "a district of the city" "/api/v1/reconsideration/cases?queue=open" fuyi-heping
row "the city" "/api/v1/reconsideration/cases?queue=open" shiju
row "the city" "/api/v1/reconsideration/cases?queue=overdue" shiju
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true

# A streaming replica of the cluster, as an operator makes one; the same reads from it under a write load.
REPLICA_PORT=$(free_port)
mkdir -p "$WORK/replica"; chmod 700 "$WORK/replica"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/replica"
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -D "$WORK/replica" -R -X stream -c fast 2> >(grep -v "skipping special file" >&2)
as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -l "$WORK/replica/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -k $WORK/replica -c max_connections=200 -c shared_buffers=256MB -c hot_standby=on" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$WORK/replica" -m fast stop >/dev/null 2>&1 || true; bench_cleanup' EXIT
export DATABASE_READ_URL="postgres://$PG_USER@127.0.0.1:$REPLICA_PORT/city?sslmode=disable"
serve replica.log
for _ in $(seq 1 120); do grep -q "read replica in use" replica.log && break; sleep 0.5; done
grep -q "read replica in use" replica.log || { echo "the replica was never used:"; tail -n 20 replica.log; exit 1; }
(cd "$ROOT" && timeout $((WRK_SECONDS * 7 + 120)) python3 scripts/mixed-load.py --url "$APP" --writers 8 --readers 0 \
  --duration $((WRK_SECONDS * 7 + 30)) >"$WORK/writes.log" 2>&1 || true) &
WRITERS=$!
sleep 3
row "the city, replica reads, 8 writers" "/dashboard?year=$YEAR" shiju
row "the city, replica reads, 8 writers" "/api/v1/report/figures?year=$YEAR&org=120000" shiju
row "a district, replica reads, 8 writers" "/dashboard?year=$YEAR" heping
row "a district, replica reads, 8 writers" "/api/v1/report/figures?year=$YEAR" heping
row "the city drilled into a district, replica reads, 8 writers" "/dashboard?year=$YEAR&org=120101" shiju
# The district the writers write to: its leader's dashboard and figures are moved by nearly every look's write.
row "the district written to (河东区), replica reads, 8 writers" "/dashboard?year=$YEAR" leader
row "the district written to (河东区), replica reads, 8 writers" "/api/v1/report/figures?year=$YEAR" leader
wait "$WRITERS" || true
writes=$(sed -n 's/.*writes: [0-9]* (\([0-9.]*\)\/s.*/\1/p' "$WORK/writes.log")
write_errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' "$WORK/writes.log")
lag=$(curl -fsS "$APP/metrics" | sed -n 's/^fazhi_replica_lag_seconds \(.*\)/\1/p')
skipped=$(grep -c "read replica skipped" replica.log || true)
kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
cd "$ROOT"

echo "Single district: $N cases generated in ${single_s} s. City: $D districts, $cases cases in all, loaded in ${city_s} s."
echo "Under the replica reads: $writes writes/s, $write_errors errors; replica lag at the end ${lag} s; skipped $skipped times."
echo
echo "| database | target | req/s | p50 | p99 | errors |"
echo "|---|---|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
echo
echo "The first look at each target, its stages in ms (Server-Timing; under the replica rows, with the writers running):"
echo
echo "| database | target | stages |"
echo "|---|---|---|"
printf '%s\n' "${STAGES[@]}"
