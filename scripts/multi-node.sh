#!/usr/bin/env bash
# Two app nodes behind nginx on one PostgreSQL, one killed under load (issue 18). The nodes are started as
# deploy/systemd/fazhi@.service starts them (its ExecStart and Environment, with this build's binary and free loopback
# ports) and nginx runs deploy/nginx/fazhi.conf with those ports (scripts/lib/nodes.sh). A mixed load
# (scripts/mixed-load.py) goes through nginx; 5 s in, the first node is killed with SIGKILL. Passes when no request
# failed but those the kill cut off (502 within 10 s), no session was lost (the other node answers the same tokens),
# writes went on through the other node, every acknowledged write is in the database, and afterwards
# `fazhi audit verify` and `fazhi report --recount` hold.
# Usage: DATABASE_URL=postgres://… FAZHI_DATA_KEY=… bash scripts/multi-node.sh path/to/fazhi WORKDIR
#        (a database with the demo bureau loaded; SECONDS_OF_LOAD=14 by default). Loopback only; everything bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1 WORK=$2
: "${DATABASE_URL:?a PostgreSQL database with the demo bureau}" "${FAZHI_DATA_KEY:?the data key of that database}"
SECONDS_OF_LOAD=${SECONDS_OF_LOAD:-14}
mkdir -p "$WORK"
source scripts/lib/nodes.sh
trap stop_nodes EXIT

PORT_A=$(nodes_free_port) PORT_B=$(nodes_free_port) PORT_PROXY=$(nodes_free_port)
start_node "$PORT_A"; PID_A=$NODE_PID
start_node "$PORT_B"; PID_B=$NODE_PID
wait_for_node "$PORT_A"; wait_for_node "$PORT_B"
start_nginx "$PORT_A" "$PORT_B" "$PORT_PROXY"
PROXY="http://127.0.0.1:$PORT_PROXY"

echo "nodes on $PORT_A (pid $PID_A) and $PORT_B (pid $PID_B) behind nginx on $PORT_PROXY"
status=0
timeout 180 python3 scripts/mixed-load.py --url "$PROXY" --writers 4 --readers 4 --duration "$SECONDS_OF_LOAD" \
  --kill-pid "$PID_A" --kill-after 5 --kill-grace 10 || status=$?
# Which node answered what, from nginx's log (its format names the upstream and the request id the app logged).
for port in "$PORT_A" "$PORT_B"; do echo "requests nginx sent to $port: $(grep -c "upstream=127.0.0.1:$port" "$WORK/nginx-access.log" || true)"; done
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
