#!/usr/bin/env bash
# The whole test suite, as CI runs it (README: "Run the tests").
#  1. installs what the tests need when missing (PostgreSQL 15, sqlite3, nginx, Chromium + chromedriver, LibreOffice, poppler-utils,
#     a CJK font, selenium, axe-core),
#     and checks that each work line's name stays in its folders (scripts/check-lines.sh);
#  2. builds once;
#  3. starts a throwaway PostgreSQL cluster on a free loopback port, and a streaming replica of it (pg_basebackup -R);
#  4. runs every Swift test — each database test runs on SQLite and on that PostgreSQL;
#  5. starts a server with demo data on SQLite and one on that PostgreSQL;
#  6. drives headless Chromium against the SQLite one (Tests/browser), then schemathesis fuzzes the API of the
#     PostgreSQL one from its OpenAPI document (scripts/schemathesis.sh);
#  7. runs a short mixed load (scripts/mixed-load.py: writers and readers at once) against each, requiring 0 errors,
#     0 lost writes and an intact audit chain;
#  8. starts two app nodes behind nginx on that PostgreSQL and kills one under load (scripts/multi-node.sh): every
#     acknowledged write kept, no session lost, the audit chain and the recount intact;
#  9. stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

log() { printf '\n== %s\n' "$*"; }

# --- 1. dependencies -------------------------------------------------------------------------------
pg_bin() {
  for dir in /usr/lib/postgresql/*/bin; do [ -x "$dir/initdb" ] && { echo "$dir"; return; }; done
  command -v initdb >/dev/null 2>&1 && dirname "$(command -v initdb)"
}
APT_UPDATED=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then echo "missing packages ($*) and not root: install them first" >&2; exit 1; fi
  [ "$APT_UPDATED" = 1 ] || { apt-get update -qq; APT_UPDATED=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}
if [ -z "$(pg_bin)" ]; then log "installing PostgreSQL"; apt_install postgresql; fi
# The upgrade test loads the previous release's SQLite dump (Tests/Fixtures/upgrade) with the sqlite3 client.
if ! command -v sqlite3 >/dev/null 2>&1; then log "installing sqlite3"; apt_install sqlite3; fi
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then log "installing nginx"; apt_install nginx; fi
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing Chromium and chromedriver"; apt_install chromium chromium-driver
fi
# LibreOffice opens the generated .docx and .xlsx in the tests (GB/T 9704 documents must open without repair).
if ! command -v soffice >/dev/null 2>&1 || ! ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1; then
  log "installing LibreOffice (Writer, Calc)"; apt_install libreoffice-writer libreoffice-calc
fi
# The layout test prints every document kind through LibreOffice and measures the PDF with poppler (pdfinfo,
# pdftotext); Chinese needs a CJK font, the GB/T 9704 faces being absent: WenQuanYi Zen Hei is free and small.
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdfinfo >/dev/null 2>&1; then
  log "installing poppler-utils"; apt_install poppler-utils
fi
if [ -z "$(fc-list :lang=zh family 2>/dev/null)" ]; then
  log "installing a CJK font (WenQuanYi Zen Hei)"; apt_install fonts-wqy-zenhei
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
  log "installing selenium"; python3 -m pip install -q selenium
fi
# axe-core, the accessibility engine the portal's pages are audited with (WCAG 2.1 AA): the package ships it as
# axe.min.js; its Playwright dependency is not needed, the browser tests drive Chromium through selenium.
if ! python3 -c 'import importlib.util, sys; sys.exit(0 if importlib.util.find_spec("axe_playwright_python") else 1)' 2>/dev/null; then
  log "installing axe-core (axe-playwright-python, without its dependencies)"
  python3 -m pip install -q --no-deps axe-playwright-python==0.1.8
fi
PG_BIN=$(pg_bin)

log "checking that each work line lives in its two folders and one registration line"
scripts/check-lines.sh

# --- 2. build --------------------------------------------------------------------------------------
log "building (debug, with tests)"
swift build --build-tests

# --- 3. PostgreSQL ---------------------------------------------------------------------------------
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
WORK=$(mktemp -d /tmp/fazhi-test.XXXXXX)
chmod 755 "$WORK"
SERVER_PIDS=""
cleanup() {
  for pid in $SERVER_PIDS; do kill "$pid" 2>/dev/null || true; done
  if [ -f "$WORK/pg-replica/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg-replica" -m immediate stop >/dev/null 2>&1 || true; fi
  if [ -f "$WORK/pg/postmaster.pid" ]; then as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
PG_USER=$(if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi)
PG_PORT=$(free_port)
log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
mkdir -p "$WORK/pg"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
# Every test's app holds up to eight connections (four an event loop), and Swift Testing runs as many tests at once as
# are waiting: 300 slots ran out under a slow run ("too many clients already"), so the cluster has 1,000. A standby
# needs at least its primary's max_connections.
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000" start >/dev/null
export FAZHI_TEST_DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
# A streaming replica of it, made as an operator makes one (pg_basebackup -R), for the read-replica tests (issue 18).
REPLICA_PORT=$(free_port)
log "starting a streaming replica of it on 127.0.0.1:$REPLICA_PORT"
mkdir -p "$WORK/pg-replica"
chmod 700 "$WORK/pg-replica"
[ "$(id -u)" = 0 ] && chown postgres "$WORK/pg-replica"
# A replication slot keeps the primary's WAL until the replica has it, however far every suite's writes put it behind.
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -D "$WORK/pg-replica" -R -X stream -c fast -C -S fazhi_test_replica
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg-replica" -l "$WORK/pg-replica/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -k $WORK/pg-replica -c max_connections=1000 -c hot_standby=on -c fsync=off" start >/dev/null
export FAZHI_TEST_READ_DATABASE_URL="postgres://$PG_USER@127.0.0.1:$REPLICA_PORT/postgres?sslmode=disable"

# --- 4. Swift tests (SQLite and PostgreSQL) --------------------------------------------------------
log "Swift tests on SQLite and PostgreSQL"
swift test --skip-build

# --- 5. servers: SQLite for the browser tests and the mixed load, PostgreSQL for schemathesis and the mixed load
# Both load their demo data at once (SQLite waits on the disk, PostgreSQL on the CPU), so the second costs little.
BIN=$(swift build --show-bin-path)/fazhi
# Starts the built fazhi with demo data (loaded on first start) in folder $1 on a free port, with the database from the
# environment (./fazhi.sqlite there, or DATABASE_URL); sets SERVER_PID and APP_URL.
launch_server() {
  local dir=$1 port
  port=$(free_port)
  mkdir -p "$dir"
  (cd "$dir" && FAZHI_DEMO=1 FAZHI_LOG_FORMAT=text exec "$BIN" serve --port "$port" >"$dir/server.log" 2>&1) &
  SERVER_PID=$!
  SERVER_PIDS="$SERVER_PIDS $SERVER_PID"
  APP_URL="http://127.0.0.1:$port"
}
# Waits for the server at $1 (its folder $2) to answer.
wait_for_server() {
  for _ in $(seq 1 720); do
    curl -fsS "$1/healthz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "server did not start:"; cat "$2/server.log"; exit 1
}
# Writers and readers at once (scripts/mixed-load.py, issue 10) against the server at $1: 0 errors, 0 acknowledged
# writes missing. Then stops it (pid $2) and verifies the audit chain of its database (folder $3, same environment).
mixed_load() {
  local url=$1 pid=$2 dir=$3
  timeout 120 python3 scripts/mixed-load.py --url "$url" --writers 4 --readers 4 --duration 8 \
    || { echo "mixed load failed; server log:"; tail -n 40 "$dir/server.log"; exit 1; }
  kill "$pid"; wait "$pid" 2>/dev/null || true
  (cd "$dir" && timeout 120 "$BIN" audit verify --text-logs)
}
log "starting servers with demo data (SQLite; PostgreSQL)"
launch_server "$WORK/app"
SQLITE_PID=$SERVER_PID SQLITE_URL=$APP_URL
as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" fazhi_load
LOAD_DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/fazhi_load?sslmode=disable"
LOAD_DATA_KEY=$(python3 -c 'import base64, os; print(base64.b64encode(os.urandom(32)).decode())')
DATABASE_URL=$LOAD_DATABASE_URL FAZHI_DATA_KEY=$LOAD_DATA_KEY launch_server "$WORK/load-postgres"
POSTGRES_PID=$SERVER_PID POSTGRES_URL=$APP_URL
wait_for_server "$SQLITE_URL" "$WORK/app"
wait_for_server "$POSTGRES_URL" "$WORK/load-postgres"

# --- 6. browser tests (SQLite), then schemathesis (PostgreSQL) ------------------------------------
# One after the other: side by side on two cores, the PostgreSQL server once stopped with a trap under schemathesis
# (2026-12-03; not reproduced on a quiet machine). Its log is printed when schemathesis fails, to find the cause.
log "browser tests (headless Chromium)"
# The portal flow reads the sign-in code its text message carried from the server log (no SMS provider configured).
FAZHI_URL="$SQLITE_URL" FAZHI_SERVER_LOG="$WORK/app/server.log" python3 Tests/browser/run.py
log "schemathesis over /api/openapi.json on PostgreSQL (bounded)"
fuzz_status=0
bash scripts/schemathesis.sh "$POSTGRES_URL" >"$WORK/schemathesis.log" 2>&1 || fuzz_status=$?
tail -n 40 "$WORK/schemathesis.log"
if [ "$fuzz_status" != 0 ]; then
  echo "schemathesis failed ($fuzz_status); the PostgreSQL server's log:"
  grep -v " info " "$WORK/load-postgres/server.log" | tail -n 80
  exit 1
fi

# --- 7. mixed load (SQLite and PostgreSQL) ---------------------------------------------------------
log "mixed load on SQLite"
mixed_load "$SQLITE_URL" "$SQLITE_PID" "$WORK/app"
log "mixed load on PostgreSQL"
DATABASE_URL=$LOAD_DATABASE_URL FAZHI_DATA_KEY=$LOAD_DATA_KEY mixed_load "$POSTGRES_URL" "$POSTGRES_PID" "$WORK/load-postgres"

# --- 8. two app nodes behind nginx, one killed under load (PostgreSQL, issue 18) ---------------------
# The same database: the nodes start as deploy/systemd/fazhi@.service starts them, nginx runs deploy/nginx/fazhi.conf.
log "two nodes behind nginx on PostgreSQL, one killed with SIGKILL under load"
DATABASE_URL=$LOAD_DATABASE_URL FAZHI_DATA_KEY=$LOAD_DATA_KEY timeout 400 bash scripts/multi-node.sh "$BIN" "$WORK/multi-node"
