#!/usr/bin/env bash
# Search benchmark (issue 15): N normative documents (`fazhi demo --scale N --story normativeDocument`) on SQLite and
# PostgreSQL; a two-character (执法) and a four-character (行政执法) query, each answered through the API (the bigram
# index: count and first page, snippets included) and, in the same run, as SQL — the bigram query the API runs against a
# plain `LIKE '%…%'` scan of the same normalised text, both counting the matches and reading the first page of 20.
# Usage: bash scripts/benchmark-search.sh [N]            (default 100000)
#        FAZHI_BIN=path/to/fazhi bash scripts/benchmark-search.sh …   to reuse a built binary (say which in the README)
#        DATABASES=SQLite (or PostgreSQL) bash scripts/benchmark-search.sh …   to run one database
# Prints a markdown table for the README. Loopback only; every loop is bounded (REPS requests a query).
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
REPS=${REPS:-40}
source scripts/lib/bench-env.sh
python3 -c "import psycopg" 2>/dev/null || python3 -m pip install -q "psycopg[binary]"
PORT=$(free_port)

echo "| documents | database | query | matches | API p50 / p99 | bigram SQL p50 / p99 | LIKE scan p50 / p99 |"
echo "|---:|---|---|---:|---:|---:|---:|"
for DB in ${DATABASES:-SQLite PostgreSQL}; do
  use_database "$DB" "search_$N"
  "$BIN" demo --scale "$N" --story normativeDocument --text-logs >"$WORK/generate-$DB.log"
  FAZHI_LOG_FORMAT=text "$BIN" serve --port "$PORT" >"$WORK/serve-$DB.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 1; done
  python3 - "$DB" "$N" "$PORT" "$REPS" "${DATABASE_URL:-$PWD/fazhi.sqlite}" <<'PY'
import json, sys, time, urllib.parse, urllib.request
db, n, port, reps, target = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
base = f"http://127.0.0.1:{port}"
req = urllib.request.Request(base + "/api/v1/session", data=json.dumps({"username": "leader", "password": "fazhi-demo"}).encode(),
                             headers={"Content-Type": "application/json"}, method="POST")
token = json.load(urllib.request.urlopen(req, timeout=30))["token"]

def percentiles(samples):
    samples = sorted(samples)
    return samples[len(samples) // 2], samples[min(len(samples) - 1, int(len(samples) * 0.99))]

def fmt(pair):
    return "%.0f / %.0f ms" % pair

if db == "SQLite":
    import sqlite3
    conn = sqlite3.connect(target)
    mark = "?"
    def run(sql, args):
        conn.execute(sql, args).fetchall()
    def one(sql, args):
        return conn.execute(sql, args).fetchone()[0]
else:
    import psycopg
    conn = psycopg.connect(target.split("?")[0], autocommit=True)
    mark = "%s"
    def run(sql, args):
        with conn.cursor() as cur:
            cur.execute(sql, args); cur.fetchall()
    def one(sql, args):
        with conn.cursor() as cur:
            cur.execute(sql, args); return cur.fetchone()[0]

def grams(term):
    return [term[i:i + 2] for i in range(len(term) - 1)]

for query in ["执法", "行政执法"]:
    samples = []
    for _ in range(reps):
        start = time.perf_counter()
        r = urllib.request.Request(base + "/api/v1/normative-documents/search?q=" + urllib.parse.quote(query),
                                   headers={"Authorization": "Bearer " + token})
        body = json.load(urllib.request.urlopen(r, timeout=120))
        samples.append((time.perf_counter() - start) * 1000)
    api, total = percentiles(samples), body["total"]
    # The API's query: the postings of each gram counted, the rarest gram's documents, the phrase confirmed in the text.
    g = grams(query)
    marks = ",".join([mark] * len(g))
    like = "%" + query + "%"
    stats = (f"SELECT gram, COUNT(*) FROM normative_document_grams WHERE gram IN ({marks}) GROUP BY gram", g)
    def rarest():
        if db == "SQLite":
            rows = conn.execute(stats[0], stats[1]).fetchall()
        else:
            with conn.cursor() as cur:
                cur.execute(stats[0], stats[1]); rows = cur.fetchall()
        return min(rows, key=lambda row: (row[1], row[0]))[0]
    confirm = "" if len(g) == 1 else f" AND d.search_text LIKE {mark}"
    def bigram_statements():
        gram = rarest()
        cargs = [gram] + ([] if len(g) == 1 else [like])
        cand = f"SELECT document_id, n AS score FROM normative_document_grams WHERE gram = {mark}"
        return [(f"SELECT COUNT(*) FROM ({cand}) c JOIN normative_documents d ON d.id = c.document_id WHERE 1 = 1{confirm}", cargs),
                (f"SELECT d.id FROM ({cand}) c JOIN normative_documents d ON d.id = c.document_id WHERE 1 = 1{confirm} "
                 f"ORDER BY c.score DESC, d.published_on DESC LIMIT 20", cargs)]
    bigram = bigram_statements()
    scan = [(f"SELECT COUNT(*) FROM normative_documents WHERE search_text LIKE {mark}", [like]),
            (f"SELECT id FROM normative_documents WHERE search_text LIKE {mark} ORDER BY published_on DESC LIMIT 20", [like])]
    assert one(bigram[0][0], bigram[0][1]) == one(scan[0][0], scan[0][1]) == total, "the index and the scan disagree"
    timings = {}
    for name, statements in [("bigram", bigram), ("scan", scan)]:
        xs = []
        for _ in range(reps):
            start = time.perf_counter()
            for sql, args in (bigram_statements() if name == "bigram" else statements): run(sql, args)
            xs.append((time.perf_counter() - start) * 1000)
        timings[name] = percentiles(xs)
    print(f"| {n:,} | {db} | {query} | {total:,} | {fmt(api)} | {fmt(timings['bigram'])} | {fmt(timings['scan'])} |")
PY
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  cd - >/dev/null
done
