#!/usr/bin/env python3
"""Property-based contract test: schemathesis against a running `crm serve`.

For each database (SQLite on a temporary file; PostgreSQL when CRM_TEST_POSTGRES_URL is set,
in a throwaway database), migrate, load the demo data, start the server on a free loopback
port, and run schemathesis over `/api/schema/` in positive and negative modes with every
check, once as `agent` and once as `manager`. Any failure of any check fails the run.

Options: --backend sqlite|postgres (default both), --max-examples N, --seed N.
CRM_REQUIRE_POSTGRES=1 makes a missing PostgreSQL a failure.
"""

import argparse
import hashlib
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
VENV = ROOT / "target" / "schemathesis-venv"
REQUIREMENTS = HERE / "requirements.txt"
CONFIG = HERE / "schemathesis.toml"
BINARY = ROOT / "target" / "debug" / "crm"
# Agent first: the manager's run may deactivate or demote other users, the agent included.
ROLES = ("agent", "manager")
PASSWORD = "password123"


def log(msg):
    print("==> " + msg, flush=True)


def ensure_venv():
    """The pinned schemathesis in its own virtual environment, installed once and reused
    until requirements.txt changes."""
    stamp = VENV / "requirements.sha256"
    wanted = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()
    exe = VENV / "bin" / "schemathesis"
    if exe.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return exe
    log("installing schemathesis into %s" % VENV.relative_to(ROOT))
    if VENV.exists():
        shutil.rmtree(VENV)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    pip = [str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    subprocess.run(pip + ["-r", str(REQUIREMENTS)], check=True)
    stamp.write_text(wanted + "\n")
    return exe


def ensure_binary():
    if not BINARY.exists():
        log("building target/debug/crm")
        subprocess.run(["cargo", "build", "--locked"], cwd=ROOT, check=True)
    return BINARY


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def crm(env, *args):
    result = subprocess.run([str(BINARY), *args], env=env, text=True, capture_output=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise SystemExit("crm %s failed" % " ".join(args))


def login(port, username):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    body = json.dumps({"username": username, "password": PASSWORD})
    c.request("POST", "/api/auth/login/", body, {"Content-Type": "application/json"})
    res = c.getresponse()
    data = res.read()
    if res.status != 200:
        raise SystemExit("login as %s: %d %s" % (username, res.status, data[:200]))
    return json.loads(data)["access"]


def token_works(port, token):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("GET", "/api/auth/me/", headers={"Authorization": "Bearer " + token})
    res = c.getresponse()
    res.read()
    return res.status == 200


class Server:
    def __init__(self, env, log_path):
        self.port = free_port()
        self.env = dict(env, CRM_BIND="127.0.0.1:%d" % self.port)
        self.log = open(log_path, "w")
        self.proc = subprocess.Popen([str(BINARY), "serve"], env=self.env, stdout=self.log, stderr=self.log)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise SystemExit("crm serve exited early; see %s" % log_path)
            time.sleep(0.05)
        self.stop()
        raise SystemExit("crm serve did not become healthy; see %s" % log_path)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def count_cases(output):
    """(operations, cases, failures) from schemathesis' closing summary."""
    summary = output[output.rfind("Test cases:"):]

    def number(pattern, text=summary):
        found = re.search(pattern, text)
        return int(found.group(1)) if found else 0
    operations = number(r"Tested: (\d+)", output)
    cases = number(r"(\d+) generated")
    failures = number(r"(\d+) unique failures?") + number(r"(\d+) errors?\b")
    return operations, cases, failures


def run_schemathesis(exe, port, token, role, args, workdir):
    cmd = [
        str(exe), "--config-file", str(CONFIG), "run",
        "http://127.0.0.1:%d/api/schema/" % port,
        # The built-in positive_data_acceptance is replaced by a narrower one in hooks.py.
        "--mode", "all", "--checks", "all", "--exclude-checks", "positive_data_acceptance",
        "--seed", str(args.seed), "--max-examples", str(args.max_examples),
        "--header", "Authorization: Bearer " + token,
        "--workers", "2", "--no-color",
        "--generation-database", "none",
    ]
    started = time.monotonic()
    env = dict(os.environ, SCHEMATHESIS_HOOKS="hooks", CRM_SCHEMATHESIS_ROLE=role,
               PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")])))
    proc = subprocess.run(cmd, cwd=workdir, env=env, text=True, capture_output=True)
    elapsed = time.monotonic() - started
    output = proc.stdout + proc.stderr
    if proc.returncode != 0 or args.verbose:
        sys.stdout.write(output)
    operations, cases, failures = count_cases(output)
    if proc.returncode != 0:
        failures = max(failures, 1)
    return operations, cases, failures, elapsed


def psql(url, sql):
    subprocess.run(["psql", url, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                   capture_output=True, text=True)


def pg_reachable(url):
    return subprocess.run(["psql", url, "-X", "-qAtc", "SELECT 1"], capture_output=True).returncode == 0


def database(backend, tmp):
    """(url, cleanup) for a fresh database of `backend`."""
    if backend == "sqlite":
        return "sqlite://%s/crm.db?mode=rwc" % tmp, lambda: None
    admin = os.environ["CRM_TEST_POSTGRES_URL"]
    name = "crm_schemathesis_" + secrets.token_hex(6)
    psql(admin, "CREATE DATABASE %s" % name)
    parts = urllib.parse.urlsplit(admin)
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    return url, lambda: psql(admin, "DROP DATABASE IF EXISTS %s WITH (FORCE)" % name)


def run_backend(backend, exe, args):
    results = []
    with tempfile.TemporaryDirectory(prefix="crm-schemathesis-") as tmp:
        tmp = Path(tmp)
        url, cleanup = database(backend, tmp)
        try:
            env = dict(os.environ, DATABASE_URL=url, RUST_LOG="warn", CRM_DISPATCH_INTERVAL="60s")
            env.pop("CRM_SMTP_URL", None)
            crm(env, "migrate")
            crm(env, "seed", "--demo")
            server = Server(env, tmp / "serve.log")
            try:
                tokens = {role: login(server.port, role) for role in ROLES}
                for role in ROLES:
                    log("schemathesis on %s as %s" % (backend, role))
                    ops, cases, failures, elapsed = run_schemathesis(exe, server.port, tokens[role], role, args, tmp)
                    print("    %s/%s: %d operations, %d cases, %d failures, %.0f s"
                          % (backend, role, ops, cases, failures, elapsed), flush=True)
                    results.append((backend, role, ops, cases, failures))
                    # A run that revoked its own token (a password set on the caller) would
                    # have tested the rest as unauthenticated: say so.
                    if not token_works(server.port, tokens[role]):
                        print("    note: the %s token no longer works after the run" % role, flush=True)
                if server.proc.poll() is not None:
                    raise SystemExit("crm serve died during the run; log:\n" + (tmp / "serve.log").read_text()[-4000:])
            finally:
                server.stop()
        finally:
            cleanup()
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backend", choices=("sqlite", "postgres"), action="append")
    parser.add_argument("--max-examples", type=int, default=15)
    parser.add_argument("--seed", type=int, default=20261125)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    started = time.monotonic()
    exe = ensure_venv()
    ensure_binary()
    backends = args.backend or ["sqlite", "postgres"]
    pg_url = os.environ.get("CRM_TEST_POSTGRES_URL")
    if "postgres" in backends and not (pg_url and pg_reachable(pg_url)):
        if os.environ.get("CRM_REQUIRE_POSTGRES") == "1":
            raise SystemExit("CRM_REQUIRE_POSTGRES=1 but PostgreSQL is not reachable (CRM_TEST_POSTGRES_URL)")
        log("PostgreSQL is not configured or reachable: schemathesis runs on SQLite only")
        backends = [b for b in backends if b != "postgres"]

    results = []
    for backend in backends:
        results += run_backend(backend, exe, args)
    failed = sum(r[4] for r in results)
    cases = sum(r[3] for r in results)
    log("schemathesis took %.0f s" % (time.monotonic() - started))
    print("schemathesis: %d passed, %d failed" % (cases - failed, failed), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
