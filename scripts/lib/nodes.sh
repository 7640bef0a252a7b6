# Shared by scripts/multi-node.sh and scripts/benchmark-nodes.sh (sourced, not run): app nodes started as
# deploy/systemd/fazhi@.service starts them, and nginx running deploy/nginx/fazhi.conf in front of two of them, all on
# free loopback ports, with the database from the environment (DATABASE_URL, FAZHI_DATA_KEY). Needs BIN and WORK;
# stop_nodes stops what was started.
if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
NODE_PIDS=""
nodes_free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Starts a node as the unit does, on port $1 (its log $WORK/node-$1.log); sets NODE_PID.
start_node() {
  local port=$1 unit=deploy/systemd/fazhi@.service command name
  command=$(sed -n 's/^ExecStart=//p' "$unit")
  command=${command//%i/$port}
  command=${command/\/usr\/local\/bin\/fazhi/$BIN}
  name=$(sed -n 's/^Environment=FAZHI_NODE_NAME=//p' "$unit")
  name=${name//%i/$port}
  name=${name//%H/$(hostname)}
  FAZHI_NODE_NAME=$name FAZHI_TRUSTED_PROXIES=127.0.0.1 FAZHI_LOG_FORMAT=text $command >"$WORK/node-$port.log" 2>&1 &
  NODE_PID=$!
  NODE_PIDS="$NODE_PIDS $NODE_PID"
}

# Waits until the node on port $1 answers /healthz (2 minutes at most).
wait_for_node() {
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return; sleep 0.5; done
  echo "node on $1 did not start:"; tail -n 30 "$WORK/node-$1.log"; exit 1
}

# nginx with the deployment's file in front of the nodes on ports $1 and $2, listening on $3 (its access log
# $WORK/nginx-access.log).
start_nginx() {
  sed -e "s/127.0.0.1:8081/127.0.0.1:$1/; s/127.0.0.1:8082/127.0.0.1:$2/; s/listen 80;/listen 127.0.0.1:$3;/" \
    -e "s|/var/log/nginx/fazhi.log|$WORK/nginx-access.log|" deploy/nginx/fazhi.conf >"$WORK/fazhi.conf"
  mkdir -p "$WORK/nginx-temp"
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$WORK/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon on;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $WORK/nginx-temp/body;
    proxy_temp_path $WORK/nginx-temp/proxy;
    fastcgi_temp_path $WORK/nginx-temp/fastcgi;
    uwsgi_temp_path $WORK/nginx-temp/uwsgi;
    scgi_temp_path $WORK/nginx-temp/scgi;
    include $WORK/fazhi.conf;
}
CONF
  "$NGINX" -t -c "$WORK/nginx.conf" -p "$WORK" 2>&1 | tail -n 1
  "$NGINX" -c "$WORK/nginx.conf" -p "$WORK"
  for _ in $(seq 1 40); do curl -fsS "http://127.0.0.1:$3/healthz" >/dev/null 2>&1 && return; sleep 0.25; done
  echo "nginx did not answer:"; cat "$WORK/nginx-error.log"; exit 1
}

stop_nodes() {
  for pid in $NODE_PIDS; do kill "$pid" 2>/dev/null || true; done
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -f "$WORK/nginx.pid"
}
