#!/usr/bin/env python3
"""Load benchmark of the CRM server, on SQLite and PostgreSQL.

For each backend: load N leads (`crm seed --demo` then `crm seed --bulk N`), start
`crm serve`, measure cold start and idle memory, drive each endpoint with wrk (32
connections), time the CSV export of every lead with the server's peak RSS, and run the SQL
of the list and dashboard endpoints directly against the database to show the server's
overhead as a ratio. Prints one markdown table per measure. Asserts nothing about time.

    python3 bench/run.py                      # 1 000 000 leads, release build
    python3 bench/run.py --leads 10000 --smoke  # the quick run of `make test`
"""

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PG_ADMIN = os.environ.get("CRM_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")

# The SQL each endpoint runs, as the server sends it (see src/db/); `{lead}` is a lead id.
LEAD_COLUMNS = ("leads.id, leads.first_name, leads.last_name, leads.company, leads.title, leads.email, "
                "leads.phone, leads.status, leads.priority, leads.estimated_value, leads.source, "
                "leads.description, leads.assigned_to, leads.created_by, leads.created_at, leads.updated_at")
CONTACT_COLUMNS = ("contacts.id, contacts.lead_id, contacts.first_name, contacts.last_name, contacts.email, "
                   "contacts.phone, contacts.position, contacts.is_primary, contacts.created_at, contacts.updated_at")


def search_condition(backend, words):
    if backend == "postgres":
        return "leads.search_vector @@ to_tsquery('simple', '%s')" % " & ".join(w + ":*" for w in words)
    return "leads.id IN (SELECT rowid FROM leads_fts WHERE leads_fts MATCH '%s')" % " ".join('"%s"*' % w for w in words)


def raw_queries(backend, ids):
    """Per endpoint, the statements of one request (ids: the page's lead ids)."""
    id_list = ", ".join(str(i) for i in ids) or "0"
    contacts = [
        "SELECT lead_id, COUNT(*) AS n FROM contacts WHERE lead_id IN (%s) GROUP BY lead_id" % id_list,
        "SELECT %s FROM contacts WHERE is_primary = TRUE AND lead_id IN (%s)" % (CONTACT_COLUMNS, id_list),
    ]
    search = search_condition(backend, ["wanj"])
    return {
        "leads first page": [
            "SELECT CAST(COALESCE(SUM(leads), 0) AS BIGINT) FROM lead_stats WHERE 1 = 1",
            "SELECT %s FROM leads WHERE 1 = 1 ORDER BY leads.created_at DESC, leads.id DESC LIMIT 20 OFFSET 0" % LEAD_COLUMNS,
        ] + contacts,
        "leads status+search+-value": [
            "SELECT COUNT(*) FROM leads WHERE 1 = 1 AND leads.status IN ('qualified') AND %s" % search,
            "SELECT %s FROM leads WHERE 1 = 1 AND leads.status IN ('qualified') AND %s "
            "ORDER BY leads.estimated_value DESC, leads.id DESC LIMIT 20 OFFSET 0" % (LEAD_COLUMNS, search),
        ] + contacts,
        "dashboard stats": [
            "SELECT status, priority, leads, CAST(value_units AS TEXT), CAST(value_cents AS TEXT) FROM lead_stats",
            "SELECT n FROM row_counts WHERE name = 'contacts'",
            "SELECT id, action, entity, entity_id, user_id, username, summary, CAST(changes AS TEXT) AS changes, timestamp "
            "FROM audit_logs ORDER BY timestamp DESC, id DESC LIMIT 10",
            "SELECT * FROM reminders WHERE reminders.status = 'pending' AND reminders.remind_at >= '%s' "
            "ORDER BY reminders.remind_at ASC, reminders.id ASC LIMIT 5" % time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
        ],
    }


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid, field="VmRSS"):
    """Resident memory of a process in KiB: VmRSS (all), or RssAnon (its own, private
    memory, without file pages such as SQLite's memory-mapped database)."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return 0


def run(cmd, env=None, **kw):
    return subprocess.run(cmd, env=env, check=True, text=True, capture_output=True, **kw)


class Server:
    def __init__(self, binary, url, env):
        self.port = free_port()
        self.env = dict(env, DATABASE_URL=url, CRM_BIND="127.0.0.1:%d" % self.port, RUST_LOG="warn",
                        CRM_DISPATCH_INTERVAL="60s")
        started = time.perf_counter()
        self.proc = subprocess.Popen([binary, "serve"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit("crm serve exited early")
            time.sleep(0.002)
        self.cold_start = time.perf_counter() - started
        time.sleep(1.0)
        self.idle_rss = rss_kib(self.proc.pid)
        self.idle_anon = rss_kib(self.proc.pid, "RssAnon")
        self.token = self.login()

    def login(self):
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        c.request("POST", "/api/auth/login/", json.dumps({"username": "manager", "password": "password123"}),
                  {"Content-Type": "application/json"})
        return json.loads(c.getresponse().read())["access"]

    def get_json(self, path):
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        c.request("GET", path, headers={"Authorization": "Bearer " + self.token})
        return json.loads(c.getresponse().read())

    def sequential_ms(self, path, n):
        """Median latency of `n` requests one after another on one connection."""
        c = http.client.HTTPConnection("127.0.0.1", self.port)
        times = []
        for _ in range(n):
            t = time.perf_counter()
            c.request("GET", path, headers={"Authorization": "Bearer " + self.token})
            c.getresponse().read()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    def export(self):
        peak = [rss_kib(self.proc.pid), rss_kib(self.proc.pid, "RssAnon")]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], rss_kib(self.proc.pid))
                peak[1] = max(peak[1], rss_kib(self.proc.pid, "RssAnon"))
                time.sleep(0.01)

        sampler = threading.Thread(target=sample)
        sampler.start()
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        t = time.perf_counter()
        c.request("GET", "/api/leads/export/", headers={"Authorization": "Bearer " + self.token})
        response = c.getresponse()
        size, lines = 0, 0
        while True:
            chunk = response.read(1 << 16)
            if not chunk:
                break
            size += len(chunk)
            lines += chunk.count(b"\n")  # a CRLF may straddle two reads
        seconds = time.perf_counter() - t
        done.set()
        sampler.join()
        return seconds, size, lines - 1, peak[0], peak[1]

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


def wrk(url, token, duration, connections, script=None):
    cmd = ["wrk", "-t2", "-c%d" % connections, "-d%ds" % duration, "--timeout", "10s", "--latency",
           "-H", "Authorization: Bearer " + token]
    if script:
        cmd += ["-s", script]
    out = run(cmd + [url]).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)\s*$" % p, out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return rps, pct(50), pct(99), (int(errors.group(1)) if errors else 0) + (int(timeouts.group(1)) if timeouts else 0)


def raw_sql_ms(backend, url, statements, repeat):
    """Median time of running all `statements` once, measured inside the database."""
    totals = []
    if backend == "sqlite":
        # Python's own SQLite, with the server's cache and mmap settings, timed in-process.
        import sqlite3
        con = sqlite3.connect(url.split("sqlite://", 1)[1])
        con.execute("PRAGMA cache_size = -8000")
        con.execute("PRAGMA mmap_size = 268435456")
        for _ in range(repeat):
            t = time.perf_counter()
            for s in statements:
                con.execute(s).fetchall()
            totals.append((time.perf_counter() - t) * 1000)
        con.close()
    else:
        script = "\n".join("EXPLAIN (ANALYZE, TIMING OFF) " + s + ";" for s in statements * repeat)
        out = run(["psql", url, "-X", "-q", "-f", "-"], input=script).stdout
        plan = [float(a) + float(b) for a, b in re.findall(r"Planning Time: ([\d.]+) ms.*?Execution Time: ([\d.]+) ms", out, re.S)]
        per = len(statements)
        totals = [sum(plan[i:i + per]) for i in range(0, len(plan), per)]
    return statistics.median(totals[1:] or totals)


def load(backend, binary, n, workdir, reuse):
    env = dict(os.environ, RUST_LOG="warn")
    if backend == "sqlite":
        url = "sqlite://%s/bench-%d.db" % (workdir, n)
        fresh = not (reuse and os.path.exists(url[len("sqlite://"):]))
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(url[len("sqlite://"):] + suffix):
                    os.remove(url[len("sqlite://"):] + suffix)
    else:
        name = "crm_bench_%d" % n
        base = PG_ADMIN.rsplit("/", 1)[0]
        url = "%s/%s" % (base, name)
        exists = run(["psql", PG_ADMIN, "-XAtc", "SELECT 1 FROM pg_database WHERE datname = '%s'" % name]).stdout.strip()
        fresh = not (reuse and exists)
        if fresh:
            run(["psql", PG_ADMIN, "-Xqc", "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name])
            run(["psql", PG_ADMIN, "-Xqc", "CREATE DATABASE %s" % name])
    report = "reused"
    if fresh:
        run([binary, "seed", "--demo"], env=dict(env, DATABASE_URL=url))
        out = run([binary, "seed", "--bulk", str(n)], env=dict(env, DATABASE_URL=url)).stdout
        report = out.strip().splitlines()[-1]
    return url, report


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leads", type=int, default=1_000_000)
    parser.add_argument("--duration", type=int, default=10, help="seconds per endpoint")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--binary", help="a crm binary to use instead of building the release one")
    parser.add_argument("--workdir", default=os.path.join(tempfile.gettempdir(), "crm-bench"))
    parser.add_argument("--reuse", action="store_true", help="keep and reuse loaded databases between runs")
    parser.add_argument("--smoke", action="store_true", help="quick: 2 s per endpoint, debug binary")
    args = parser.parse_args()
    if args.smoke:
        args.duration = 2
        args.binary = args.binary or os.path.join(ROOT, "target", "debug", "crm")
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")
    binary = args.binary
    if not binary:
        print("building the release binary ...", flush=True)
        subprocess.run(["cargo", "build", "--release", "--locked"], cwd=ROOT, check=True)
        binary = os.path.join(ROOT, "target", "release", "crm")
    os.makedirs(args.workdir, exist_ok=True)
    backends = [b for b in args.backends.split(",") if b]
    if "postgres" in backends and subprocess.run(["pg_isready", "-q", "-d", PG_ADMIN]).returncode != 0:
        print("PostgreSQL is not reachable at %s: skipped" % PG_ADMIN)
        backends.remove("postgres")
    login_script = os.path.join(args.workdir, "login.lua")
    with open(login_script, "w") as f:
        f.write('wrk.method = "POST"\nwrk.body = \'{"username": "manager", "password": "password123"}\'\n'
                'wrk.headers["Content-Type"] = "application/json"\n')

    print("\n%s, %d cores, %d leads, %d connections, %d s per endpoint, binary %s\n" % (
        time.strftime("%Y-%m-%d"), os.cpu_count(), args.leads, args.connections, args.duration, binary))
    results = {}
    for backend in backends:
        print("[%s] loading %d leads ..." % (backend, args.leads), flush=True)
        t = time.perf_counter()
        url, report = load(backend, binary, args.leads, args.workdir, args.reuse)
        print("[%s] %s (%.1f s)" % (backend, report, time.perf_counter() - t), flush=True)
        server = Server(binary, url, os.environ)
        r = results[backend] = {"load": report, "cold": server.cold_start * 1000,
                                "idle": server.idle_rss / 1024, "idle_anon": server.idle_anon / 1024}
        page = server.get_json("/api/leads/")
        lead = page["results"][len(page["results"]) // 2]["id"]
        endpoints = [
            ("leads first page", "/api/leads/"),
            ("leads status+search+-value", "/api/leads/?status=qualified&search=wanj&ordering=-estimated_value"),
            ("lead detail", "/api/leads/%d/" % lead),
            ("dashboard stats", "/api/dashboard-stats/"),
            ("contacts of a lead", "/api/contacts/?lead=%d" % lead),
        ]
        r["endpoints"] = {}
        for name, path in endpoints:
            base = "http://127.0.0.1:%d%s" % (server.port, path)
            rps, p50, p99, errors = wrk(base, server.token, args.duration, args.connections)
            single = server.sequential_ms(path, 50 if args.smoke else 200)
            r["endpoints"][name] = (rps, p50, p99, errors, single)
            print("[%s] %-28s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms  single %6.2f ms%s" % (
                backend, name, rps, p50, p99, single, "  (%d errors)" % errors if errors else ""), flush=True)
        ids = [l["id"] for l in page["results"]]
        filtered = server.get_json("/api/leads/?status=qualified&search=wanj&ordering=-estimated_value")
        fids = [l["id"] for l in filtered["results"]]
        r["raw"] = {}
        for name, statements in raw_queries(backend, ids).items():
            if name.startswith("leads status"):
                statements = raw_queries(backend, fids)[name]
            r["raw"][name] = raw_sql_ms(backend, url, statements, 5 if args.smoke else 21)
        # The export gets a fresh server, so that its memory is not what the load before left.
        server.stop()
        server = Server(binary, url, os.environ)
        seconds, size, rows, peak, peak_anon = server.export()
        r["export"] = (seconds, size, rows, peak / 1024, peak_anon / 1024)
        print("[%s] export: %d rows, %.1f MB in %.2f s, server peak RSS %.1f MiB (private %.1f MiB)" % (
            backend, rows, size / 1e6, seconds, peak / 1024, peak_anon / 1024), flush=True)
        # Last, as its cost is hashing (argon2id, 19 MiB per hash in flight).
        rps, p50, p99, errors = wrk("http://127.0.0.1:%d/api/auth/login/" % server.port, server.token,
                                    args.duration, args.connections, login_script)
        r["endpoints"]["login (argon2id)"] = (rps, p50, p99, errors, None)
        print("[%s] %-28s %8.0f req/s  p50 %7.2f ms  p99 %7.2f ms" % (backend, "login (argon2id)", rps, p50, p99), flush=True)
        server.stop()

    print("\n## Endpoints: %d connections (wrk), and one request at a time\n" % args.connections)
    print("| endpoint | backend | req/s | p50 ms | p99 ms | single ms | raw SQL ms | server / SQL |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    for backend, r in results.items():
        for name, (rps, p50, p99, errors, single) in r["endpoints"].items():
            raw = r["raw"].get(name)
            ratio = "%.2f" % (single / raw) if raw and single else ""
            print("| %s | %s | %.0f | %.2f | %.2f | %s | %s | %s |" % (
                name, backend, rps, p50, p99, "%.2f" % single if single else "",
                "%.2f" % raw if raw else "", ratio))
    print("\n## Process\n")
    print("RSS counts file pages too (SQLite maps its database file into memory); private is RssAnon.\n")
    print("| backend | bulk load | cold start to first 200 | idle RSS (private) | export all rows | export peak RSS (private) |")
    print("|---|---|---:|---:|---:|---:|")
    for backend, r in results.items():
        seconds, size, rows, peak, peak_anon = r["export"]
        print("| %s | %s | %.0f ms | %.1f MiB (%.1f) | %d rows, %.1f MB in %.2f s | %.1f MiB (%.1f) |" % (
            backend, r["load"], r["cold"], r["idle"], r["idle_anon"], rows, size / 1e6, seconds, peak, peak_anon))
    bad = sum(e[3] for r in results.values() for e in r["endpoints"].values())
    if bad:
        print("\nwarning: %d non-2xx responses during the runs" % bad)


if __name__ == "__main__":
    main()
