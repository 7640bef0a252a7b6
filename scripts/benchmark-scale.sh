#!/usr/bin/env bash
# Scale benchmark (issue 5): the year's report from the rollup and a full recount, at N cases on SQLite and PostgreSQL.
# Usage: bash scripts/benchmark-scale.sh [N ...]        (default: 10000 100000; add 1000000 for the full table)
#        FAZHI_BIN=path/to/release/fazhi bash scripts/benchmark-scale.sh …   to reuse a built binary
# Prints a markdown table for the README. Builds in release mode into .build-release (kept out of git).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000}")
[ $# -eq 0 ] && SIZES=(10000 100000)
if [ -n "${FAZHI_BIN:-}" ]; then
  BIN=$FAZHI_BIN   # an already built release binary
else
  swift build -c release --product fazhi --scratch-path .build-release >/dev/null
  BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)/fazhi
fi
YEAR=2025
WORK=$(mktemp -d /tmp/fazhi-bench.XXXXXX); chmod 755 "$WORK"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -1)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_USER=$(if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w -o "-c listen_addresses=127.0.0.1 -p $PORT -k $WORK/pg" start >/dev/null
trap 'as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT
KEY=$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')

# The second of three runs' timings (a warm run), as printed by --timing.
timing() { local label=$1; shift; local out=""; for _ in 1 2 3; do out=$("$@" 2>&1 >/dev/null | grep "^$label:" | sed "s/^$label: //"); done; echo "$out"; }
ms() { python3 -c "import sys; v=sys.argv[1].split()[0]; print('%.1f ms' % (float(v)*1000))" "$1"; }

echo "| records (N) | database | generate | report (rollup) | --recount |"
echo "|---:|---|---:|---:|---:|"
for N in "${SIZES[@]}"; do
  for DB in SQLite PostgreSQL; do
    if [ "$DB" = SQLite ]; then
      mkdir -p "$WORK/sqlite-$N"; cd "$WORK/sqlite-$N"; unset DATABASE_URL FAZHI_DATA_KEY
    else
      as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$PG_USER" "bench_$N"
      export DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PORT/bench_$N?sslmode=disable" FAZHI_DATA_KEY="$KEY"
      cd "$WORK"
    fi
    start=$(date +%s.%N)
    "$BIN" demo --scale "$N" --year $YEAR --text-logs >/dev/null
    generate=$(python3 -c "print('%.0f s' % ($(date +%s.%N) - $start))")
    report=$(timing report "$BIN" report --year $YEAR --timing --text-logs)
    recount=$(timing recount "$BIN" report --year $YEAR --recount --timing --text-logs)
    echo "| $N | $DB | $generate | $(ms "$report") | $(ms "$recount") |"
    cd - >/dev/null
  done
done
