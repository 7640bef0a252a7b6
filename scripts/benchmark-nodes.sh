#!/usr/bin/env bash
# One app node against two behind nginx, same load, in one run (issue 18's benchmark; not a test). Both ways go
# through nginx running deploy/nginx/fazhi.conf (for one node, its two upstream lines name the same node), so the
# proxy's cost is in both. Measures wrk on the open queue's API (2 threads, 32 connections, WRK_SECONDS each) signed in
# as `leader`, then the mixed load (scripts/mixed-load.py, 8 writers, 24 readers, MIXED_SECONDS), and prints a
# markdown table for the README.
# Usage: DATABASE_URL=postgres://… FAZHI_DATA_KEY=… bash scripts/benchmark-nodes.sh path/to/fazhi
#        (a database with the demo bureau loaded). Loopback only; every run bounded.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1
: "${DATABASE_URL:?a PostgreSQL database with the demo bureau}" "${FAZHI_DATA_KEY:?the data key of that database}"
MIXED_SECONDS=${MIXED_SECONDS:-20}
source scripts/lib/wrk.sh
WORK=$(mktemp -d /tmp/fazhi-nodes.XXXXXX); chmod 755 "$WORK"
source scripts/lib/nodes.sh
trap 'stop_nodes; rm -rf "$WORK"' EXIT

PORT_A=$(nodes_free_port) PORT_B=$(nodes_free_port)
start_node "$PORT_A"; start_node "$PORT_B"
wait_for_node "$PORT_A"; wait_for_node "$PORT_B"
TARGET="/api/v1/reconsideration/cases?queue=open"
ROWS=()
for nodes in 1 2; do
  PROXY_PORT=$(nodes_free_port)
  if [ "$nodes" = 1 ]; then start_nginx "$PORT_A" "$PORT_A" "$PROXY_PORT"; else start_nginx "$PORT_A" "$PORT_B" "$PROXY_PORT"; fi
  URL="http://127.0.0.1:$PROXY_PORT"
  TOKEN=$(bench_token "$URL" leader)
  read -r rate p50 p99 _ <<<"$(wrk_measure "$URL$TARGET" "$TOKEN")"
  mixed=$(timeout 300 python3 scripts/mixed-load.py --url "$URL" --writers 8 --readers 24 --duration "$MIXED_SECONDS")
  writes=$(sed -n 's/.*writes: [0-9]* (\([0-9.]*\)\/s.*/\1/p' <<<"$mixed")
  reads=$(sed -n 's/.*reads:  [0-9]* (\([0-9.]*\)\/s.*/\1/p' <<<"$mixed")
  errors=$(sed -n 's/.*errors: \([0-9]*\).*/\1/p' <<<"$mixed")
  ROWS+=("| $nodes | $rate | $p50 ms | $p99 ms | $writes | $reads | $errors |")
  stop_nginx_only() { kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true; rm -f "$WORK/nginx.pid"; sleep 1; }
  stop_nginx_only
done
echo
echo "| app nodes behind nginx | queue API req/s | p50 | p99 | mixed: writes/s | reads/s | errors |"
echo "|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${ROWS[@]}"
