"""`make bench` (datasets part): the CKAN-compatible open-data API at province scale on PostgreSQL.

20,000 datasets and 60,000 resources; measured under gunicorn: `package_show`, `package_search` (a
word query with a facet filter and facets, 20 rows), `package_list?limit=50` and the public
portal's search page (the module's heaviest page), as medians beside the trivial view (/health/)
of the same run, then the same calls from 8 concurrent clients
(requests per second).

Target (issue 11): at least three times CKAN 2.12's `package_show` throughput with one client on
these two cores (~47 requests per second, measured side by side), i.e. 141 per second; search
needs no extra server (PostgreSQL full-text search); the portal's search page costs at most
PAGE_OVER_SEARCH x package_search (the same search, rendered). Exits 1 when a target fails.
CKAN itself runs beside the platform with `bench/sidebyside.py --compare datasets`.

DATABASE_URL names the PostgreSQL server and base name; the benchmark database is
<name>_bench_datasets (created when missing, reused after).
"""

import argparse
import http.client
import json
import os
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
BIN = ROOT / ".venv" / "bin"
CKAN_SHOW_RPS = 47.0
TARGET_FACTOR = 3.0
PAGE_OVER_SEARCH = 1.5
DATASETS, RESOURCES_EACH = 20_000, 3


def database_url() -> str:
    base = os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/spbe"
    parts = urlsplit(base)
    if not parts.scheme.startswith("postgres"):
        raise SystemExit("bench/datasets.py needs PostgreSQL: DATABASE_URL=postgres://...")
    name = (parts.path.strip("/") or "spbe") + "_bench_datasets"
    return urlunsplit((parts.scheme, parts.netloc, "/" + name, "", ""))


def env(url: str) -> dict:
    var = ROOT / "var" / "bench" / "datasets"
    var.mkdir(parents=True, exist_ok=True)
    return dict(os.environ, DATABASE_URL=url, SPBE_VAR_DIR=str(var), DJANGO_SETTINGS_MODULE="spbe.settings")


def prepare(url: str) -> dict:
    parts = urlsplit(url)
    name = parts.path.strip("/")
    admin = urlunsplit((parts.scheme, parts.netloc, "/postgres", "", ""))
    e = env(url)
    exists = subprocess.run(
        ["psql", admin, "-tAc", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not exists:
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    run = {"env": e, "cwd": ROOT, "check": True}
    subprocess.run([str(BIN / "spbe"), "migrate", "--noinput", "-v0"], **run)
    subprocess.run([str(BIN / "spbe"), "createcachetable"], **run)
    if not exists:
        subprocess.run(
            [
                str(BIN / "spbe"),
                "generate",
                "--agencies",
                "60",
                "--people",
                "300",
                "--government",
                "Pemerintah Provinsi Sintetis",
            ],
            stdout=subprocess.DEVNULL,
            **run,
        )
    subprocess.run(
        [sys.executable, str(BENCH / "datasets_setup.py"), str(DATASETS), str(RESOURCES_EACH)], **run
    )
    subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)
    return e


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(e: dict, port: int, workers: int):
    log = open(ROOT / "var" / "bench" / "datasets" / "gunicorn.log", "w")
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "spbe.wsgi:application",
            "--workers",
            str(workers),
            "--worker-class",
            "sync",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        env=e,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get(port, "/health/")[0] == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.terminate()
    raise SystemExit("gunicorn did not start; see var/bench/datasets/gunicorn.log")


def get(port: int, path: str) -> tuple[int, float, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.perf_counter()
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    conn.close()
    return response.status, elapsed, body


def throughput(port: int, path: str, clients: int, seconds: float) -> float:
    done = [0] * clients
    stop = time.monotonic() + seconds

    def worker(i):
        while time.monotonic() < stop:
            status, _ms, _body = get(port, path)
            if status == 200:
                done[i] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    e = prepare(database_url())
    port = free_port()
    proc = start(e, port, args.workers)
    try:
        names = json.loads(get(port, "/api/3/action/package_list?limit=50")[2])["result"]
        show = f"/api/3/action/package_show?id={names[len(names) // 2]}"
        calls = {
            "health (trivial view)": "/health/",
            "package_show": show,
            # the portal's search page counts the same four facets
            "package_search": "/api/3/action/package_search?q=penduduk&fq=res_format:CSV&rows=20"
            '&facet.field=["organization","groups","res_format","tags"]',
            "package_list?limit=50": "/api/3/action/package_list?limit=50&offset=1000",
            # the module's heaviest page: the public portal's search, the same search as
            # package_search with its facets, rendered
            "open-data search page": "/open-data/?q=penduduk&res_format=CSV",
        }
        for path in calls.values():  # warm up, and every call answers
            for _ in range(5):
                status, _ms, body = get(port, path)
                assert status == 200, (path, status, body[:300])
        medians = {}
        for name, path in calls.items():
            medians[name] = statistics.median(get(port, path)[1] for _ in range(args.requests))
        rps1 = {name: throughput(port, path, 1, args.seconds) for name, path in calls.items()}
        rps8 = {name: throughput(port, path, 8, args.seconds) for name, path in calls.items()}
    finally:
        proc.terminate()
        proc.wait()
    base = medians["health (trivial view)"]
    print(
        f"\ndatasets benchmark: {DATASETS} datasets, {DATASETS * RESOURCES_EACH} resources, PostgreSQL, "
        f"gunicorn {args.workers} sync workers"
    )
    for name in calls:
        print(
            f"  {name:<24} median {medians[name]:7.2f} ms ({medians[name] / base:5.2f} x trivial)  "
            f"{rps1[name]:7.1f} req/s at 1 client  {rps8[name]:7.1f} req/s at 8 clients"
        )
    target = CKAN_SHOW_RPS * TARGET_FACTOR
    checks = [
        (
            f"package_show at 1 client >= {TARGET_FACTOR:.0f} x CKAN ({target:.0f} req/s)",
            f"{rps1['package_show']:.1f}",
            rps1["package_show"] >= target,
        ),
        ("package_search answers without an extra server (PostgreSQL full-text search)", "yes", True),
        (
            f"open-data search page <= {PAGE_OVER_SEARCH} x package_search (the page adds only its rendering)",
            f"{medians['open-data search page'] / medians['package_search']:.2f}",
            medians["open-data search page"] <= PAGE_OVER_SEARCH * medians["package_search"],
        ),
    ]
    for label, value, ok in checks:
        print(f"  {'PASS' if ok else 'FAIL'}  {label}: {value}")
    (BENCH / "results").mkdir(exist_ok=True)
    (BENCH / "results" / "datasets.json").write_text(
        json.dumps({"median_ms": medians, "rps_1": rps1, "rps_8": rps8}, indent=2)
    )
    return 0 if all(ok for _l, _v, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
