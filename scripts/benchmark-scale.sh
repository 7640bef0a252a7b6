#!/usr/bin/env bash
# Scale benchmark (issue 5): the year's report from the rollup and a full recount, at N cases on SQLite and PostgreSQL;
# then the import of a 100,000-row .xlsx against `sqlite3 .import` of the same rows as CSV.
# Usage: bash scripts/benchmark-scale.sh [N ...]        (default: 10000 100000; add 1000000 for the full table)
#        FAZHI_BIN=path/to/release/fazhi bash scripts/benchmark-scale.sh …   to reuse a built binary
#        FAZHI_BENCH=import (or scale) bash scripts/benchmark-scale.sh       to run only one of the two tables
# Prints markdown tables for the README. Builds in release mode into .build-release (kept out of git).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-10000 100000}")
[ $# -eq 0 ] && SIZES=(10000 100000)
source scripts/lib/bench-env.sh
YEAR=2025

# The second of three runs' timings (a warm run), as printed by --timing.
timing() { local label=$1; shift; local out=""; for _ in 1 2 3; do out=$("$@" 2>&1 >/dev/null | grep "^$label:" | sed "s/^$label: //"); done; echo "$out"; }
ms() { python3 -c "import sys; v=sys.argv[1].split()[0]; print('%.1f ms' % (float(v)*1000))" "$1"; }

command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
BENCH=${FAZHI_BENCH:-all}

if [ "$BENCH" != import ]; then
echo "| records (N) | database | generate | report (rollup) | --recount |"
echo "|---:|---|---:|---:|---:|"
for N in "${SIZES[@]}"; do
  for DB in SQLite PostgreSQL; do
    use_database "$DB" "bench_$N"
    start=$(date +%s.%N)
    "$BIN" demo --scale "$N" --year $YEAR --text-logs >/dev/null
    generate=$(python3 -c "print('%.0f s' % ($(date +%s.%N) - $start))")
    report=$(timing report "$BIN" report --year $YEAR --timing --text-logs)
    recount=$(timing recount "$BIN" report --year $YEAR --recount --timing --text-logs)
    echo "| $N | $DB | $generate | $(ms "$report") | $(ms "$recount") |"
    cd - >/dev/null
  done
done
echo
fi

[ "$BENCH" = scale ] && exit 0
# Import: the median of three runs, each into a fresh copy of the demo database (SQLite) or a fresh database
# (PostgreSQL). The floor is `sqlite3 .import` of the same rows as CSV into a fresh table (no key, no index); the
# second floor row is SQLite itself putting the same rows into the same table as the import (its three indexes).
ROWS=100000
python3 scripts/benchmark-import-data.py $ROWS "$WORK/import.xlsx" "$WORK/import.csv"
median() { python3 -c "import sys, statistics; print(statistics.median(float(v) for v in sys.argv[1:]))" "$@"; }
seconds() { local start; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }; python3 -c "print($(date +%s.%N) - $start)"; }
row() { python3 -c "
import sys
label, database, t, floor = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
print('| %s | %s | %.2f s | %s rows/s | %.0f %% |' % (label, database, t, format(int($ROWS / t), ','), 100 * floor / t))" "$@"; }

mkdir -p "$WORK/floor"
floor_runs=(); for _ in 1 2 3; do rm -f "$WORK/floor/f.db"; floor_runs+=("$(seconds sqlite3 "$WORK/floor/f.db" ".import --csv $WORK/import.csv t")"); done
FLOOR=$(median "${floor_runs[@]}")

mkdir -p "$WORK/import-sqlite"; cd "$WORK/import-sqlite"; unset DATABASE_URL FAZHI_DATA_KEY
"$BIN" demo --text-logs >/dev/null; cp fazhi.sqlite demo.sqlite
same_table=(); for _ in 1 2 3; do
  cp demo.sqlite same.sqlite
  same_table+=("$(seconds sqlite3 same.sqlite ".import --csv $WORK/import.csv t" "INSERT INTO ledger_entries (id, kind, org_id, occurred_on, quantity, title, fields, natural_key, import_id, created_by, created_at, bureau_id) SELECT upper(hex(randomblob(4))||'-'||hex(randomblob(2))||'-'||hex(randomblob(2))||'-'||hex(randomblob(2))||'-'||hex(randomblob(6))), 'mediation.screening', (SELECT id FROM orgs WHERE parent_id IS NULL), \"排查日期\", \"发现纠纷数\", \"排查范围\", json_object('note', \"备注\"), \"排查日期\"||char(31)||\"排查范围\", NULL, 'sqlite3', 0, (SELECT bureau_id FROM orgs WHERE parent_id IS NULL) FROM t")")
done
# The same, done the way fazhi does it: rows in key order, ids that grow, a 64 MB page cache.
sorted_table=(); for _ in 1 2 3; do
  cp demo.sqlite same.sqlite
  sorted_table+=("$(seconds sqlite3 same.sqlite ".import --csv $WORK/import.csv t" "PRAGMA cache_size = -65536" "INSERT INTO ledger_entries (id, kind, org_id, occurred_on, quantity, title, fields, natural_key, import_id, created_by, created_at, bureau_id) SELECT printf('01A21285-3909-7%03X-8%03X-%012X', 0, 0, row_number() OVER (ORDER BY k)), 'mediation.screening', (SELECT id FROM orgs WHERE parent_id IS NULL), \"排查日期\", \"发现纠纷数\", \"排查范围\", json_object('note', \"备注\"), k, NULL, 'sqlite3', 0, (SELECT bureau_id FROM orgs WHERE parent_id IS NULL) FROM (SELECT *, \"排查日期\"||char(31)||\"排查范围\" AS k FROM t) ORDER BY k")")
done
declare -A runs
for format in xlsx csv; do
  runs[$format]=""
  for _ in 1 2 3; do cp demo.sqlite fazhi.sqlite; runs[$format]+=" $(seconds "$BIN" import --kind mediation.screening "$WORK/import.$format" --text-logs)"; done
done
cd "$WORK"
pg_runs=()
for run in 1 2 3; do
  as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "import_$run"
  export DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/import_$run?sslmode=disable" FAZHI_DATA_KEY="$KEY"
  "$BIN" demo --text-logs >/dev/null
  pg_runs+=("$(seconds "$BIN" import --kind mediation.screening "$WORK/import.xlsx" --text-logs)")
done
unset DATABASE_URL FAZHI_DATA_KEY

echo "| $ROWS rows | database | time | throughput | of the sqlite3 .import rate |"
echo "|---|---|---:|---:|---:|"
row "sqlite3 .import, CSV into a fresh table (the floor)" SQLite "$FLOOR" "$FLOOR"
row "sqlite3 .import + INSERT into ledger_entries (the same table and indexes as fazhi)" SQLite "$(median "${same_table[@]}")" "$FLOOR"
row "the same, rows in key order, growing ids, 64 MB page cache" SQLite "$(median "${sorted_table[@]}")" "$FLOOR"
# shellcheck disable=SC2086
row "fazhi import, .xlsx" SQLite "$(median ${runs[xlsx]})" "$FLOOR"
# shellcheck disable=SC2086
row "fazhi import, CSV" SQLite "$(median ${runs[csv]})" "$FLOOR"
row "fazhi import, .xlsx" PostgreSQL "$(median "${pg_runs[@]}")" "$FLOOR"
