# Shared by the benchmark scripts (sourced, not run): the release binary, a work folder and a throwaway PostgreSQL
# cluster on a free loopback port, all removed on exit. Sets BIN, WORK, PG_BIN, PG_PORT, PG_USER, KEY and as_pg.
#   FAZHI_BIN=path/to/release/fazhi   reuses a built binary instead of building into .build-release
if [ -n "${FAZHI_BIN:-}" ]; then
  BIN=$FAZHI_BIN
else
  swift build -c release --product fazhi --scratch-path .build-release >/dev/null
  BIN=$(swift build -c release --scratch-path .build-release --show-bin-path)/fazhi
fi
WORK=$(mktemp -d /tmp/fazhi-bench.XXXXXX); chmod 755 "$WORK"
PG_BIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | head -1)")
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PG_USER=$(if [ "$(id -u)" = 0 ]; then echo postgres; else id -un; fi)
PG_PORT=$(free_port)
mkdir -p "$WORK/pg"; [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
as_pg "$PG_BIN/initdb" -D "$WORK/pg" -U "$PG_USER" -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $WORK/pg -c max_connections=200 -c shared_buffers=256MB \
     -c log_checkpoints=on -c log_autovacuum_min_duration=1000 -c log_lock_waits=on" start >/dev/null
bench_cleanup() { as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap bench_cleanup EXIT
KEY=$(python3 -c 'import base64,os; print(base64.b64encode(os.urandom(32)).decode())')

# Points the fazhi commands that follow at database $1 (SQLite or PostgreSQL) named $2, and cds into its folder.
use_database() {
  if [ "$1" = SQLite ]; then
    mkdir -p "$WORK/sqlite-$2"; cd "$WORK/sqlite-$2"; unset DATABASE_URL FAZHI_DATA_KEY
  else
    as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" "$2"
    export DATABASE_URL="postgres://$PG_USER@127.0.0.1:$PG_PORT/$2?sslmode=disable" FAZHI_DATA_KEY="$KEY"
    mkdir -p "$WORK/pg-$2"; cd "$WORK/pg-$2"
  fi
}
