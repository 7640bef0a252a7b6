#!/usr/bin/env bash
# The whole test suite, as CI runs it (README: "Run the tests").
#  1. installs what the tests need when missing (PostgreSQL 15, Chromium + chromedriver, LibreOffice, selenium),
#     and checks that each work line's name stays in its folders (scripts/check-lines.sh);
#  2. builds once;
#  3. starts a throwaway PostgreSQL cluster on a free loopback port;
#  4. runs every Swift test — each database test runs on SQLite and on that PostgreSQL;
#  5. drives headless Chromium against a running server (Tests/browser) and, beside it, schemathesis over the
#     OpenAPI document against a second one (scripts/schemathesis.sh);
#  6. stops everything it started.
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
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  log "installing Chromium and chromedriver"; apt_install chromium chromium-driver
fi
# LibreOffice opens the generated .docx and .xlsx in the tests (GB/T 9704 documents must open without repair).
if ! command -v soffice >/dev/null 2>&1 || ! ls /usr/lib/libreoffice/program/libsclo.so >/dev/null 2>&1; then
  log "installing LibreOffice (Writer, Calc)"; apt_install libreoffice-writer libreoffice-calc
fi
if ! python3 -c 'import selenium' 2>/dev/null; then
  log "installing selenium"; python3 -m pip install -q selenium
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
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null || true
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
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null
export FAZHI_TEST_DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/postgres?sslmode=disable"

# --- 4. Swift tests (SQLite and PostgreSQL) --------------------------------------------------------
log "Swift tests on SQLite and PostgreSQL"
swift test --skip-build

# --- 5. browser tests and schemathesis, side by side, each against its own server with demo data ---------------
start_server() { # NAME PORT: serves a fresh folder with demo data; sets SERVER_PIDS
  mkdir -p "$WORK/$1"
  (cd "$WORK/$1" && FAZHI_DEMO=1 FAZHI_LOG_FORMAT=text exec "$BIN" serve --port "$2" >"$WORK/$1/server.log" 2>&1) &
  SERVER_PIDS="$SERVER_PIDS $!"
}
wait_server() { # NAME PORT: two servers load the demo bureau at once on two cores, so allow five minutes
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "server $1 did not start:"; cat "$WORK/$1/server.log"; exit 1
}
BIN=$(swift build --show-bin-path)/fazhi
SERVER_PIDS=""
APP_PORT=$(free_port)
FUZZ_PORT=$(free_port)
start_server app "$APP_PORT"
start_server fuzz "$FUZZ_PORT"
SERVER_PID="$SERVER_PIDS"
wait_server app "$APP_PORT"
wait_server fuzz "$FUZZ_PORT"

log "schemathesis over /api/openapi.json (bounded; log in $WORK/fuzz/schemathesis.log) beside the browser tests"
bash scripts/schemathesis.sh "http://127.0.0.1:$FUZZ_PORT" >"$WORK/fuzz/schemathesis.log" 2>&1 &
FUZZ_PID=$!

log "browser tests (headless Chromium)"
FAZHI_URL="http://127.0.0.1:$APP_PORT" python3 Tests/browser/run.py

fuzz_status=0
wait "$FUZZ_PID" || fuzz_status=$?
log "schemathesis"
tail -n 60 "$WORK/fuzz/schemathesis.log"
[ "$fuzz_status" = 0 ] || { echo "schemathesis failed ($fuzz_status)"; exit 1; }
