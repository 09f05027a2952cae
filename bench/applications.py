"""`make bench` (applications part): the catalog list and the landscape page at 100 and 2,000
applications with integrations.

Targets (issue #4, the foundation's): the same number of SQL queries at both sizes, and the median
time at 2,000 at most 1.5 x the time at 100. Both sizes are served side by side and requested in
turn so the machine's noise falls on both alike; /health/ of each process is reported for context.
Exits 1 when a target fails.
"""

import argparse
import json
import statistics
import subprocess
import sys

import run as harness
from run import BENCH, ROOT, Server, env_for, spbe

SIZES = (100, 2000)
PAGES = {
    "catalog": "/applications/applications/?sort=name&per_page=50&page=2",
    "landscape": "/applications/landscape/",
}
MAX_GROWTH = 1.5

COUNT_SCRIPT = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings"); django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(); assert client.login(username="bench.kominfo", password="spbe-bench-2026")
out = {}
for name, url in json.loads(os.environ["BENCH_PAGES"]).items():
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        status = client.get(url).status_code
    out[name] = {"status": status, "queries": len(ctx)}
print(json.dumps(out))
"""


def prepare(size: int):
    var = ROOT / "var" / "bench" / f"applications-{size}"
    var.mkdir(parents=True, exist_ok=True)
    spbe(var, "migrate", "--noinput")
    spbe(var, "createcachetable")
    spbe(
        var,
        "generate",
        "--agencies",
        "40",
        "--people",
        "400",
        "--government",
        "Pemerintah Kabupaten Sintetis",
    )
    subprocess.run(
        [sys.executable, str(BENCH / "applications_setup.py"), str(size)],
        env=env_for(var),
        cwd=BENCH,
        check=True,
    )
    return var


def count_queries(var) -> dict:
    env = dict(env_for(var), BENCH_PAGES=json.dumps(PAGES))
    out = subprocess.run(
        [sys.executable, "-c", COUNT_SCRIPT], env=env, cwd=ROOT, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=5)
    args = parser.parse_args()
    harness.USERNAME, harness.PASSWORD = "bench.kominfo", "spbe-bench-2026"
    dirs = {size: prepare(size) for size in SIZES}
    queries = {size: count_queries(var) for size, var in dirs.items()}
    servers = {size: Server(size, var) for size, var in dirs.items()}
    samples = {(size, name): [] for size in SIZES for name in ("health", *PAGES)}
    try:
        for server in servers.values():
            server.wait_ready()
        headers = {size: server.login_headers() for size, server in servers.items()}
        targets = [(size, name) for size in SIZES for name in ("health", *PAGES)]
        for i in range(args.warmup + args.requests):
            for size, name in targets[i % len(targets) :] + targets[: i % len(targets)]:
                path = "/health/" if name == "health" else PAGES[name]
                elapsed = servers[size].timed_get(path, headers[size])
                if i >= args.warmup:
                    samples[(size, name)].append(elapsed)
    finally:
        for server in servers.values():
            server.stop()
    median = {key: statistics.median(v) for key, v in samples.items()}
    small, large = SIZES
    print(f"\napplications benchmark ({args.requests} timed requests each)")
    for size in SIZES:
        for name in ("health", *PAGES):
            q = queries[size].get(name, {}).get("queries", 0) if name != "health" else 0
            print(
                f"  {size:>5} applications  {name:<10} median {median[(size, name)]:7.2f} ms  "
                f"({median[(size, name)] / median[(size, 'health')]:5.2f} x /health/)  {q} queries"
            )
    checks = []
    for name in PAGES:
        same = queries[small][name]["queries"] == queries[large][name]["queries"]
        checks.append(
            (
                f"{name}: same SQL queries at {small} and {large}",
                f"{queries[small][name]['queries']} / {queries[large][name]['queries']}",
                same,
            )
        )
        growth = median[(large, name)] / median[(small, name)]
        checks.append(
            (f"{name}: median at {large} <= {MAX_GROWTH} x at {small}", f"{growth:.2f}", growth <= MAX_GROWTH)
        )
    for label, value, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value}")
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "applications.json").write_text(
        json.dumps(
            {"queries": queries, "median_ms": {f"{s}:{n}": v for (s, n), v in median.items()}}, indent=2
        )
    )
    failed = [label for label, _v, ok in checks if not ok]
    if failed:
        print("FAILED: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
