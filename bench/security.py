"""`make bench` (security part): the incident and certificate lists, page and API, at province scale
on PostgreSQL (40,000 people on certificate duties with their certificates, 20,000 incidents),
timed as ratios to the trivial /health/ view served by the same gunicorn process in the same run.

Every figure is printed as a ratio to /health/. The targets compare like with like in the same
interleaved run: each security list page at most MAX_PAGE x the platform's people list page (the
generic list machinery bench/run.py holds to its own targets), each security API list at most
MAX_API x the people API list. The coverage page reads every duty and certificate of the province
once, by design: it is measured and reported, with no target. Then the incident and certificate
lists, page and API, are served by gunicorn (5 workers x 3 threads, production settings) and loaded
with wrk at 1 and 8 connections beside /health/ (reported, no target). PostgreSQL comes from
SPBE_BENCH_DATABASE_URL (or DATABASE_URL when it is PostgreSQL), else the local server's
spbe_bench_security (created when missing); without a server the part is skipped and says so.
Exits 1 when a target fails.
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys

import load
import run as harness
from run import BENCH, BIN, ROOT, Server

SIZE = 40_000
PAGES = {
    "incident page": "/security/incidents/?per_page=50&page=3",
    "incident api": "/api/v1/security/incidents/?page_size=50",
    "certificate page": "/security/certificates/?per_page=50&page=3&sort=-valid_until",
    "certificate api": "/api/v1/security/certificates/?page_size=50&ordering=-valid_until",
    "coverage page": "/security/certificates/coverage/",
    "people page": "/org/people/?per_page=50&page=3",
    "people api": "/api/v1/org/people/?page_size=50",
}
REFERENCE = {"page": "people page", "api": "people api"}
MAX_PAGE, MAX_API = 1.5, 2.0


DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/spbe_bench_security"


def database_url() -> str | None:
    for name in ("SPBE_BENCH_DATABASE_URL", "DATABASE_URL"):
        value = os.environ.get(name, "")
        if value.startswith("postgres"):
            return value
    return DEFAULT_DB if load.pg_database(DEFAULT_DB) else None


def env_with(url: str) -> dict:
    var = ROOT / "var" / "bench" / "security"
    var.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, SPBE_VAR_DIR=str(var), DATABASE_URL=url)


class PgServer(Server):
    """bench/run.py's gunicorn process, on PostgreSQL instead of a SQLite file."""

    def __init__(self, env: dict):
        self.size, self.port = SIZE, harness.free_port()
        self.log = open(ROOT / "var" / "bench" / "security" / "gunicorn.log", "w")
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "spbe.wsgi:application",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            env=env,
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)


def measure(server: Server, rounds: int, warmup: int) -> dict:
    headers = {"page": server.login_headers(), "api": server.token_headers()}
    names = ["health", *PAGES]
    samples = {name: [] for name in names}
    for i in range(warmup + rounds):
        for name in names[i % len(names) :] + names[: i % len(names)]:
            path = "/health/" if name == "health" else PAGES[name]
            elapsed = server.timed_get(path, headers["api" if name.endswith("api") else "page"])
            if i >= warmup:
                samples[name].append(elapsed)
    return {name: statistics.median(values) for name, values in samples.items()}


def target(name: str) -> tuple[str, float] | None:
    """(reference, most allowed ratio to it), or None for a reference or the coverage page."""
    if name.startswith("people") or name == "coverage page":
        return None
    return (REFERENCE["api"], MAX_API) if name.endswith("api") else (REFERENCE["page"], MAX_PAGE)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args()
    url = database_url()
    if url is None:
        print("security benchmark skipped: no PostgreSQL (set SPBE_BENCH_DATABASE_URL)")
        return 0
    env = env_with(url)
    for command in (["migrate", "--noinput"], ["createcachetable"]):
        subprocess.run(
            [str(BIN / "spbe"), *command], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL
        )
    subprocess.run(
        [sys.executable, str(BENCH / "security_setup.py"), str(SIZE)], env=env, cwd=BENCH, check=True
    )
    harness.USERNAME, harness.PASSWORD = "bench.security", "spbe-bench-2026"
    server = PgServer(env)
    try:
        server.wait_ready()
        median = measure(server, args.requests, args.warmup)
    finally:
        server.stop()
    print(f"\nsecurity benchmark on PostgreSQL ({SIZE} certificate duties, {SIZE // 2} incidents)")
    failed = []
    for name in PAGES:
        line = f"{name:<17} median {median[name]:7.2f} ms  {median[name] / median['health']:6.2f} x /health/"
        goal = target(name)
        if goal is None:
            print(f"        {line}")
            continue
        reference, most = goal
        ratio = median[name] / median[reference]
        ok = ratio <= most
        failed += [] if ok else [name]
        print(f"  {'PASS' if ok else 'FAIL'}  {line}  {ratio:4.2f} x {reference} (target <= {most})")
    print("security lists under gunicorn (5 workers x 3 threads, wrk):")
    served = {name: path for name, path in PAGES.items() if name.startswith(("incident", "certificate"))}
    for line in load.served(url, "bench.security", "spbe-bench-2026", served, "security"):
        print(line)
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "security.json").write_text(json.dumps({"median_ms": median}, indent=2))
    if failed:
        print("FAILED: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
