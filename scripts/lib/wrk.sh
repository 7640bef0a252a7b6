# Shared by the benchmark scripts (sourced, not run): wrk with the bench's fixed shape, its answer as four numbers.
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
WRK_SECONDS=${WRK_SECONDS:-20}

# wrk on the URL $1 with the bearer token $2 (2 threads, 32 connections, WRK_SECONDS); prints "req/s p50 p99 errors"
# (milliseconds; errors: answers other than 2xx/3xx and socket errors).
wrk_measure() {
  local out; out=$(wrk -t2 -c32 -d"${WRK_SECONDS}s" --latency --timeout 10s -H "Authorization: Bearer $2" "$1")
  python3 - "$out" <<'PY'
import re, sys
text = sys.argv[1]
def ms(label):
    m = re.search(r"^\s*%s\s+([\d.]+)(us|ms|s)\s*$" % label, text, re.M)
    if not m: return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]
rate = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
errors = (int(non2xx.group(1)) if non2xx else 0) + (sum(int(g) for g in socket.groups()) if socket else 0)
print("%.0f %.1f %.1f %d" % (rate, ms("50%"), ms("99%"), errors))
PY
}

# Signs in at the app $1 as $2 (demo password) and prints the bearer token.
bench_token() {
  curl -fsS -X POST -H 'Content-Type: application/json' -d "{\"username\":\"$2\",\"password\":\"fazhi-demo\"}" \
    "$1/api/v1/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
