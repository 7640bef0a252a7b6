#!/usr/bin/env python3
"""An office at work against a running fazhi (issue 10): writers register reconsideration applications and accept
each one through the JSON API while readers read the queues, for a fixed time. Afterwards every case whose
registration was acknowledged (201) is read back through the API. Prints writes/s, reads/s, errors and missing, and
exits 1 when any request failed or any acknowledged write is missing. Standard library only.

    python3 scripts/mixed-load.py --url http://127.0.0.1:8080 --writers 8 --readers 24 --duration 30

Writers sign in as an officer (default fuyi), readers as a leader (default leader): neither needs a second factor.

With --kill-pid (several app nodes behind a proxy, issue 18), that process is killed with SIGKILL --kill-after seconds
into the load: a request it was serving may fail with 502 from the proxy within --kill-grace seconds of the kill (not
acknowledged, so not counted as written; shown apart); anything else — a 401 (a session lost), a 5xx later — is an
error, some writes must be acknowledged after the kill, and every acknowledged write must be there afterwards.
"""
import argparse
import json
import os
import signal
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta, timezone

RESPONDENT_CODE = "120102-AG-SJ"  # 河东区市场监督管理局 in the demo data
QUEUES = ["awaitingAcceptance", "open", "mine", "dueSoon", "all"]


class Client:
    def __init__(self, base, timeout):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.token = None

    def call(self, method, path, body=None):
        """Returns (status, parsed JSON or None); a refused or timed-out connection is status 0."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if self.token:
            request.add_header("Authorization", "Bearer " + self.token)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                payload = response.read()
                return response.status, json.loads(payload) if payload else None
        except urllib.error.HTTPError as error:
            payload = error.read()
            try:
                return error.code, json.loads(payload)
            except ValueError:
                return error.code, None
        except (urllib.error.URLError, OSError) as error:
            return 0, {"error": {"code": "connection", "message": str(error)}}

    def login(self, username, password):
        status, body = self.call("POST", "/api/v1/session", {"username": username, "password": password})
        if status != 201:
            sys.exit(f"login as {username} failed: {status} {body}")
        self.token = body["token"]
        return self


class Tally:
    """Counts shared by the threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.writes = 0  # acknowledged writes: registrations and events
        self.reads = 0
        self.errors = {}  # "status code" -> count
        self.samples = []  # a few error bodies to show
        self.acknowledged = []  # case ids whose registration answered 201
        self.killed_at = None  # monotonic time of the kill, with --kill-pid
        self.grace = 0
        self.interrupted = 0  # 502s from the proxy right after the kill
        self.writes_after_kill = 0

    def acknowledge(self):
        """Counts an acknowledged write (the caller holds the lock)."""
        self.writes += 1
        if self.killed_at is not None:
            self.writes_after_kill += 1

    def error(self, what, status, body):
        if status == 502 and self.killed_at is not None and time.monotonic() - self.killed_at <= self.grace:
            with self.lock:
                self.interrupted += 1
            return
        code = (body or {}).get("error", {}).get("code", "") if isinstance(body, dict) else ""
        key = f"{what} {status} {code}".strip()
        with self.lock:
            self.errors[key] = self.errors.get(key, 0) + 1
            if len(self.samples) < 5:
                self.samples.append(f"{key}: {json.dumps(body, ensure_ascii=False)[:200]}")


def today_in_china():
    """Cases are received today, so the case clock (deemed acceptance after 5 working days) leaves them alone."""
    return datetime.now(timezone(timedelta(hours=8))).date()


def application(respondent_id, n):
    today = today_in_china()
    return {
        "receivedOn": today.isoformat(), "knewOn": (today - timedelta(days=10)).isoformat(), "channel": "reception",
        "respondentID": respondent_id,
        "act": f"河市监罚〔2024〕{n}号行政处罚决定", "request": "撤销该行政处罚决定",
        "applicants": [{"kind": "person", "name": "张三", "idNumber": "120102198503150011",
                        "phone": "13812345678", "address": "河东区春华街道某小区"}],
    }


def writer(client, respondent_id, deadline, tally, number):
    n = 0
    while time.monotonic() < deadline:
        n += 1
        status, body = client.call("POST", "/api/v1/reconsideration/cases", application(respondent_id, number * 100000 + n))
        if status != 201:
            tally.error("register", status, body)
            continue
        case_id = body["id"]
        with tally.lock:
            tally.acknowledge()
            tally.acknowledged.append(case_id)
        event = {"kind": "accept", "date": today_in_china().isoformat(), "procedure": "ordinary", "version": body["version"]}
        status, body = client.call("POST", f"/api/v1/reconsideration/cases/{case_id}/events", event)
        if status != 201:
            tally.error("event", status, body)
            continue
        with tally.lock:
            tally.acknowledge()


def reader(client, deadline, tally, number):
    n = number
    while time.monotonic() < deadline:
        queue = QUEUES[n % len(QUEUES)]
        n += 1
        status, body = client.call("GET", f"/api/v1/reconsideration/cases?queue={queue}")
        if status != 200:
            tally.error("read", status, body)
            continue
        with tally.lock:
            tally.reads += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8080")
    parser.add_argument("--writer", default="fuyi", help="officer who registers (no second factor)")
    parser.add_argument("--reader", default="leader", help="user who reads the queues (no second factor)")
    parser.add_argument("--password", default="fazhi-demo")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--readers", type=int, default=24)
    parser.add_argument("--duration", type=float, default=30, help="seconds of load")
    parser.add_argument("--timeout", type=float, default=60, help="seconds one request may take")
    parser.add_argument("--kill-pid", type=int, help="an app node to kill with SIGKILL during the load")
    parser.add_argument("--kill-after", type=float, default=5, help="seconds into the load to kill it")
    parser.add_argument("--kill-grace", type=float, default=10, help="seconds after the kill a 502 is the kill's")
    args = parser.parse_args()

    writing = Client(args.url, args.timeout).login(args.writer, args.password)
    reading = Client(args.url, args.timeout).login(args.reader, args.password)
    status, orgs = reading.call("GET", "/api/v1/orgs")
    respondent = next((org["id"] for org in orgs or [] if org.get("code") == RESPONDENT_CODE), None) if status == 200 else None
    if respondent is None:
        sys.exit(f"no org {RESPONDENT_CODE} (demo data) visible to {args.reader}: {status}")

    tally = Tally()
    deadline = time.monotonic() + args.duration
    threads = [threading.Thread(target=writer, args=(writing, respondent, deadline, tally, i)) for i in range(args.writers)]
    threads += [threading.Thread(target=reader, args=(reading, deadline, tally, i)) for i in range(args.readers)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if args.kill_pid:
        time.sleep(args.kill_after)
        # The kill's time is set first: a 502 that comes back before os.kill returns is the kill's too.
        with tally.lock:
            tally.grace = args.kill_grace
            tally.killed_at = time.monotonic()
        os.kill(args.kill_pid, signal.SIGKILL)
        print(f"killed app node {args.kill_pid} (SIGKILL) {args.kill_after:.0f} s into the load")
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started

    # Every acknowledged registration must be readable, with its case number.
    missing = []
    for case_id in tally.acknowledged:
        status, body = writing.call("GET", f"/api/v1/reconsideration/cases/{case_id}")
        if status != 200 or not (body or {}).get("caseNumber"):
            missing.append(f"{case_id}: {status}")

    errors = sum(tally.errors.values())
    print(f"mixed load: {args.writers} writers + {args.readers} readers for {elapsed:.1f} s against {args.url}")
    print(f"  writes: {tally.writes} ({tally.writes / elapsed:.1f}/s; {len(tally.acknowledged)} cases registered)")
    print(f"  reads:  {tally.reads} ({tally.reads / elapsed:.1f}/s)")
    print(f"  errors: {errors}" + ("" if not errors else " — " + ", ".join(f"{k}: {v}" for k, v in sorted(tally.errors.items()))))
    for sample in tally.samples:
        print(f"    {sample}")
    print(f"  missing acknowledged writes: {len(missing)}" + ("" if not missing else f" — {missing[:5]}"))
    if tally.writes == 0:
        print("  no write was acknowledged at all")
        return 1
    if args.kill_pid:
        print(f"  after the kill: {tally.writes_after_kill} writes acknowledged; {tally.interrupted} requests cut off "
              f"by it (502 within {args.kill_grace:.0f} s, not acknowledged)")
        if tally.writes_after_kill == 0:
            print("  no write was acknowledged after the kill: the other node did not take over")
            return 1
    return 1 if errors or missing else 0


if __name__ == "__main__":
    sys.exit(main())
