#!/usr/bin/env bash
# Two app nodes behind nginx on one PostgreSQL, one killed under load (issue 18). The nodes are started as
# deploy/systemd/fazhi@.service starts them (its ExecStart and Environment, with this build's binary and free loopback
# ports) and nginx runs deploy/nginx/fazhi.conf with those ports. A mixed load (scripts/mixed-load.py) goes through
# nginx; 5 s in, the first node is killed with SIGKILL. Passes when no request failed but those the kill cut off
# (502 within 10 s), no session was lost (the other node answers the same tokens), writes went on through the other
# node, every acknowledged write is in the database, and afterwards `fazhi audit verify` and
# `fazhi report --recount` hold.
# Usage: DATABASE_URL=postgres://… FAZHI_DATA_KEY=… bash scripts/multi-node.sh path/to/fazhi WORKDIR
#        (a database with the demo bureau loaded; SECONDS_OF_LOAD=14 by default). Loopback only; everything bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1 WORK=$2
: "${DATABASE_URL:?a PostgreSQL database with the demo bureau}" "${FAZHI_DATA_KEY:?the data key of that database}"
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-14}
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
mkdir -p "$WORK"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
PIDS=""
cleanup() {
  for pid in $PIDS; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
}
trap cleanup EXIT

UNIT=deploy/systemd/fazhi@.service
EXEC=$(sed -n 's/^ExecStart=//p' "$UNIT")
NODE_NAME=$(sed -n 's/^Environment=FAZHI_NODE_NAME=//p' "$UNIT")
# Starts a node as the unit does, on port $1; prints its pid.
start_node() {
  local port=$1 command
  command=${EXEC//%i/$port}
  command=${command/\/usr\/local\/bin\/fazhi/$BIN}
  local name=${NODE_NAME//%i/$port}
  name=${name//%H/$(hostname)}
  FAZHI_NODE_NAME=$name FAZHI_LOG_FORMAT=text $command >"$WORK/node-$port.log" 2>&1 &
  echo $!
}
PORT_A=$(free_port) PORT_B=$(free_port) PORT_PROXY=$(free_port)
PID_A=$(start_node "$PORT_A"); PIDS="$PIDS $PID_A"
PID_B=$(start_node "$PORT_B"); PIDS="$PIDS $PID_B"

# nginx with the deployment's file, its ports replaced, in a main configuration of its own (no root paths).
sed -e "s/127.0.0.1:8081/127.0.0.1:$PORT_A/; s/127.0.0.1:8082/127.0.0.1:$PORT_B/; s/listen 80;/listen 127.0.0.1:$PORT_PROXY;/" \
  -e "s|/var/log/nginx/fazhi.log|$WORK/nginx-access.log|" \
  deploy/nginx/fazhi.conf >"$WORK/fazhi.conf"
mkdir -p "$WORK/nginx-temp"
USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat >"$WORK/nginx.conf" <<CONF
$USER_LINE
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 256; }
http {
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/fazhi.conf;
}
CONF
for port in "$PORT_A" "$PORT_B"; do
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "node on $port did not start:"; tail -n 30 "$WORK/node-$port.log"; exit 1; }
done
"$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK" 2>&1 | tail -n 1
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
PROXY="http://127.0.0.1:$PORT_PROXY"
for _ in $(seq 1 40); do curl -fsS "$PROXY/healthz" >/dev/null 2>&1 && break; sleep 0.25; done

echo "nodes on $PORT_A (pid $PID_A) and $PORT_B (pid $PID_B) behind nginx on $PORT_PROXY"
status=0
timeout 180 python3 scripts/mixed-load.py --url "$PROXY" --writers 4 --readers 4 --duration "$SECONDS_OF_LOAD" \
  --kill-pid "$PID_A" --kill-after 5 --kill-grace 10 || status=$?
# Which node answered what, from nginx's log (its format names the upstream and the request id the app logged).
for port in "$PORT_A" "$PORT_B"; do echo "requests nginx sent to $port: $(grep -c "upstream=127.0.0.1:$port" "$WORK/nginx-access.log" || true)"; done
id=$(sed -n 's/.*request_id=\([0-9a-f]*\)$/\1/p' "$WORK/nginx-access.log" | tail -n 1)
grep -q "$id" "$WORK/node-$PORT_B.log" "$WORK/node-$PORT_A.log" 2>/dev/null && echo "request $id: in nginx's log and the node's" \
  || echo "request $id: not in the nodes' logs (only requests that log carry it)"
if [ "$status" != 0 ]; then
  echo "multi-node load failed; the surviving node's log:"; grep -v " info " "$WORK/node-$PORT_B.log" | tail -n 40
  tail -n 20 "$WORK/nginx-error.log"
  exit 1
fi
kill "$PID_B"; wait "$PID_B" 2>/dev/null || true
YEAR=$(TZ=Asia/Shanghai date +%Y)
timeout 120 "$BIN" audit verify --text-logs
timeout 300 "$BIN" report --year "$YEAR" --recount --text-logs
echo "multi-node: passed"
