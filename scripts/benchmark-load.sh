#!/usr/bin/env bash
# Load benchmark (issue 10): for N reconsideration cases on SQLite and on PostgreSQL, in one run each — generate them
# (`fazhi demo --scale N`), recount the year, serve them and measure with wrk (32 connections, 20 s per target) the
# pages and APIs an office uses, then a mixed load (8 writers, 24 readers, 30 s) with the audit chain verified and the
# year recounted afterwards; the server's peak RSS over all of it. Then a CSV import of IMPORT_ROWS rows (default
# 1,000,000) with its time and peak RSS.
# Usage: bash scripts/benchmark-load.sh [N ...]     (default: 10000; the README's table: 10000 100000 1000000)
#        FAZHI_BIN=path/to/release/fazhi …          reuses a built release binary
#        WRK_SECONDS=20 MIXED_SECONDS=30 IMPORT_ROWS=1000000 (0: no import)
#        DATABASES="PostgreSQL"                     one database only (default: SQLite PostgreSQL)
# Prints markdown tables for the README. Loopback only; every loop is bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SIZES=("$@"); [ $# -eq 0 ] && SIZES=(10000)
source scripts/lib/bench-env.sh
source scripts/lib/wrk.sh
YEAR=2025
MIXED_SECONDS=${MIXED_SECONDS:-30}
IMPORT_ROWS=${IMPORT_ROWS:-1000000}

# Peak resident set of a command, in MB, from GNU time (the command's own output goes to $1).
peak_mb() { local out=$1; shift; /usr/bin/time -f "%M" -o "$WORK/time.out" "$@" >"$out" 2>&1; echo $(( $(tail -1 "$WORK/time.out") / 1024 )); }
# A duration printed by `--timing` ("5.012345678 seconds") as "5.01".
two_places() { python3 -c "import sys; print('%.2f' % float(sys.argv[1]))" "${1:-nan}"; }
seconds_since() { python3 -c "import sys, time; print('%.1f' % (time.time() - float(sys.argv[1])))" "$1"; }
json_field() { python3 -c "import json, sys; d = json.load(sys.stdin); print(eval('d' + sys.argv[1]))" "$1"; }

# wrk against the path $1 of the app with the bearer token; prints "req/s p50 p99 errors".
measure() { wrk_measure "$APP$1" "$TOKEN"; }

# The server's error and warning lines so far, and (PostgreSQL) the database log's last lines: why requests failed.
server_failures() {
  echo "server log:"; grep -E '^[^ ]+ (error|warning|critical) ' server.log | tail -20 || true
  if [ "$DB" = PostgreSQL ]; then echo "PostgreSQL log:"; tail -15 "$WORK/pg/log" || true; fi
}

LOAD_ROWS=(); SUMMARY_ROWS=(); MIXED_NOTES=()
for N in "${SIZES[@]}"; do
  for DB in ${DATABASES:-SQLite PostgreSQL}; do
    case $DB in SQLite|PostgreSQL) ;; *) echo "DATABASES: SQLite or PostgreSQL, not $DB" >&2; exit 2 ;; esac
    use_database "$DB" "load_$N"
    start=$(date +%s.%N)
    generate_mb=$(peak_mb "$WORK/generate.log" "$BIN" demo --scale "$N" --year $YEAR --text-logs)
    generate=$(seconds_since "$start")
    recount=$("$BIN" report --year $YEAR --recount --timing --text-logs 2>&1 >/dev/null | sed -n 's/^recount: \([0-9.]*\).*/\1/p')
    recount=$(two_places "$recount")

    port=$(free_port); APP="http://127.0.0.1:$port"
    FAZHI_LOG_FORMAT=text "$BIN" serve --port "$port" >"$PWD/server.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 1 600); do curl -fsS "$APP/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
    # The case clock's first pass (5 s after start) runs before the measurement, as it would on a server up for an hour.
    for _ in $(seq 1 1200); do grep -q "case clock: pass done" server.log && break; sleep 0.5; done
    ( peak=0; while kill -0 "$SERVER" 2>/dev/null; do
        rss=$(ps -o rss= -p "$SERVER" 2>/dev/null | tr -d ' '); [ -n "$rss" ] && [ "$rss" -gt "$peak" ] && peak=$rss && echo "$peak" >"$WORK/rss"
        sleep 0.5; done ) &
    SAMPLER=$!
    TOKEN=$(curl -fsS -X POST -H 'Content-Type: application/json' -d '{"username":"leader","password":"fazhi-demo"}' \
      "$APP/api/v1/session" | json_field '["token"]')
    CASE=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$APP/api/v1/reconsideration/cases?queue=open" | json_field '["rows"][0]["id"]')
    healthz=""
    # A request's stages as the server reports them (`Server-Timing`, ms): "session 0.41 · … · total 4.02".
    stages_of() { curl -s -D - -o /dev/null -H "Authorization: Bearer $TOKEN" "$APP$1" | tr -d '\r' \
        | sed -n 's/^[Ss]erver-[Tt]iming: //p' | sed 's/;dur=/ /g; s/, / · /g'; }
    for target in "/healthz" "/api/v1/me" "/reconsideration?queue=open" "/api/v1/reconsideration/cases?queue=open" \
                  "/reconsideration/$CASE" "/dashboard?year=$YEAR" "/ledgers/mediation.screening?year=$YEAR"; do
      # The first request, before the load: what a page costs when nothing of it is kept (the dashboard's count).
      first=$(stages_of "$target" | sed -n 's/.*total \([0-9.]*\).*/\1/p')
      read -r rate p50 p99 errors <<<"$(measure "$target")"
      [ -z "$healthz" ] && healthz=$rate
      label=${target//$CASE/{id\}}
      # One request alone once the load has drained, its stages as the server reports them (`Server-Timing`, ms).
      sleep 3
      stages=$(stages_of "$target")
      LOAD_ROWS+=("| $N | $DB | \`$label\` | $first ms | $rate | $p50 ms | $p99 ms | $(python3 -c "print('%.2f' % ($rate / $healthz))") | $errors | $stages |")
      # Failed or timed-out requests: what the server and the database logged meanwhile, kept for the notes.
      if [ "$errors" != 0 ]; then MIXED_NOTES+=("$N $DB, wrk on $label: $errors errors
$(server_failures)"); fi
    done
    mixed=$(cd "$ROOT" && timeout $((MIXED_SECONDS + 300)) python3 scripts/mixed-load.py --url "$APP" --writers 8 --readers 24 \
      --duration "$MIXED_SECONDS" || true)
    writes=$(sed -n 's/.*writes: [0-9]* (\([0-9.]*\)\/s.*/\1/p' <<<"$mixed")
    reads=$(sed -n 's/.*reads: *[0-9]* (\([0-9.]*\)\/s.*/\1/p' <<<"$mixed")
    mixed_errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' <<<"$mixed")
    missing=$(sed -n 's/.*missing acknowledged writes: \([0-9]*\).*/\1/p' <<<"$mixed")
    # What went wrong, if anything did (the work folder goes with the run): the mixed load's own report, kept,
    # and the server's log lines of the failures (a 5xx is logged with its cause).
    if [ "${mixed_errors:-0}" != 0 ] || [ "${missing:-0}" != 0 ]; then
      MIXED_NOTES+=("$N $DB: $(tr '\n' ' ' <<<"$mixed")
$(server_failures)")
    fi
    kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; wait "$SAMPLER" 2>/dev/null || true
    server_mb=$(( $(cat "$WORK/rss") / 1024 ))
    verify=$("$BIN" audit verify --text-logs >/dev/null 2>&1 && echo passed || echo FAILED)
    recount_after=$(two_places "$("$BIN" report --year $YEAR --recount --timing --text-logs 2>&1 >/dev/null | sed -n 's/^recount: \([0-9.]*\).*/\1/p')")
    SUMMARY_ROWS+=("| $N | $DB | $generate s | $generate_mb MB | $recount s | $server_mb MB | $writes | $reads | $mixed_errors | $missing | $verify | $recount_after s |")
    cd "$ROOT"
  done
done

echo "| cases (N) | database | target | first request | req/s | p50 | p99 | × /healthz | errors | one request alone after the load, by stage (ms) |"
echo "|---:|---|---|---:|---:|---:|---:|---:|---:|---|"
printf '%s\n' "${LOAD_ROWS[@]}"
echo
echo "| cases (N) | database | generate | its peak RSS | --recount | server peak RSS | mixed: writes/s | reads/s | errors | missing | audit verify | --recount after |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|"
printf '%s\n' "${SUMMARY_ROWS[@]}"
for note in "${MIXED_NOTES[@]}"; do echo; echo "Errors — $note"; done

if [ "$IMPORT_ROWS" -gt 0 ]; then
  python3 scripts/benchmark-import-data.py "$IMPORT_ROWS" "$WORK/import.xlsx" "$WORK/import.csv"
  use_database SQLite import
  "$BIN" demo --text-logs >/dev/null
  start=$(date +%s.%N)
  import_mb=$(peak_mb "$WORK/import.log" "$BIN" import --kind mediation.screening "$WORK/import.csv" --text-logs)
  import_s=$(seconds_since "$start")
  tail -1 "$WORK/import.log"
  echo
  echo "| import | rows | file | time | peak RSS |"
  echo "|---|---:|---:|---:|---:|"
  echo "| fazhi import, CSV, SQLite | $IMPORT_ROWS | $(( $(stat -c %s "$WORK/import.csv") / 1048576 )) MB | $import_s s | $import_mb MB |"
fi
