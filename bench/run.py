"""`make bench`: does the people list stay fast as the register grows?

For each size (default 1,000 and 100,000 people) a SQLite database is built once under
var/bench/<size>/ and served by its own gunicorn process (one sync worker). All servers run
side by side and every endpoint of every size is requested in turn, round robin, so the
noise of this machine falls on all figures alike. Each list timing is compared with the
trivial /health/ view served by the same process in the same run; absolute milliseconds
are printed for the record, but only the ratios are targets.

Targets (from the issue):
  1. SQL queries per page (list page and API) are the same at every size;
  2. median list time at the largest size <= 1.5 x the time at the smallest size;
  3. median API list time <= 5 x the median /health/ time of the same process.
Exits 1 when a target fails (saying which), and on any crash.
"""

import argparse
import datetime
import http.client
import json
import os
import platform
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.prefix) / "bin"  # the venv make runs us from: spbe and gunicorn live beside python
USERNAME, PASSWORD = "kominfo", "spbe-demo-2026"  # demo account with a government-wide role

# 50 per page, filtered and sorted, away from the first page: the list page is asked for
# page 3 (OFFSET 100); the API pages by cursor, so its third page is reached the way a client
# reaches it, by following `next` twice from API_URL (see api_page_path).
HEALTH_URL = "/health/"
PAGE_URL = "/org/people/?employment=pns&sort=-nip&per_page=50&page=3"
API_URL = "/api/v1/org/people/?employment=pns&ordering=-nip&page_size=50"
API_PAGE = 3

MAX_GROWTH = 1.5  # list time at the largest size / at the smallest size
MAX_API_OVER_HEALTH = 5.0


# --- databases -------------------------------------------------------------------------


def env_for(var_dir: Path) -> dict:
    env = dict(os.environ, SPBE_VAR_DIR=str(var_dir))
    env.pop("DATABASE_URL", None)  # always SQLite in var_dir, whatever the caller's shell has
    return env


def people_in(var_dir: Path) -> int | None:
    """People in the database, read with sqlite3 directly: no Django start-up for a check."""
    db = var_dir / "spbe.sqlite3"
    if not db.exists():
        return None
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT COUNT(*) FROM org_person").fetchone()[0]
    except sqlite3.Error:
        return None


def spbe(var_dir: Path, *args: str) -> None:
    subprocess.run(
        [str(BIN / "spbe"), *args], env=env_for(var_dir), cwd=ROOT, check=True, stdout=subprocess.DEVNULL
    )


def prepare(size: int) -> Path:
    """A database with exactly `size` people: the demo regency plus synthetic people."""
    var_dir = ROOT / "var" / "bench" / str(size)
    if people_in(var_dir) == size:
        # Migrate anyway (a no-op when current): src/ may have gained a migration, e.g. an index.
        spbe(var_dir, "migrate", "--noinput")
        print(f"[{size}] reusing {var_dir}")
        return var_dir
    shutil.rmtree(var_dir, ignore_errors=True)  # a half-built or other-sized database: start over
    var_dir.mkdir(parents=True)
    started = time.monotonic()
    spbe(var_dir, "migrate", "--noinput")
    spbe(var_dir, "createcachetable")
    spbe(var_dir, "demo")
    demo_people = people_in(var_dir) or 0
    if size < demo_people:
        raise SystemExit(f"size {size} is below the {demo_people} people of the demo regency")
    # `generate --people` is the head count of the synthetic government, so top up to `size`.
    spbe(var_dir, "generate", "--people", str(size - demo_people))
    if people_in(var_dir) != size:
        raise SystemExit(f"[{size}] expected {size} people, found {people_in(var_dir)}")
    print(f"[{size}] built {var_dir} in {time.monotonic() - started:.0f} s")
    return var_dir


# --- servers and HTTP ------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One gunicorn process with one sync worker, and one client connection to it.

    Sync workers close the connection after every response; http.client then reconnects on
    the next request, so each timing includes one loopback connect, for every endpoint alike.
    """

    def __init__(self, size: int, var_dir: Path):
        self.size, self.port = size, free_port()
        self.log = open(var_dir / "gunicorn.log", "w")
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "spbe.wsgi:application",
                "--workers",
                "1",
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--timeout",
                "120",
            ],
            env=env_for(var_dir),
            cwd=ROOT,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"[{self.size}] gunicorn exited; see {self.log.name}")
            try:
                if self.request("GET", HEALTH_URL)[0] == 200:
                    return
            except OSError:
                self.conn.close()
            time.sleep(0.2)
        raise SystemExit(f"[{self.size}] gunicorn not ready after {seconds} s; see {self.log.name}")

    def request(self, method, path, body=None, headers=None):
        """(status, {cookie: value} set by the response, body)."""
        self.conn.request(method, path, body=body, headers=headers or {})
        response = self.conn.getresponse()
        data = response.read()
        cookies = SimpleCookie()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookies.load(header)
        return response.status, {k: m.value for k, m in cookies.items()}, data

    def login_headers(self) -> dict:
        """Cookie header of a logged-in session, through the real login form (CSRF and all)."""
        status, cookies, _ = self.request("GET", "/login/")
        csrf = cookies.get("csrftoken")
        if status != 200 or not csrf:
            raise SystemExit(f"[{self.size}] GET /login/ gave {status} without a CSRF cookie")
        form = urllib.parse.urlencode(
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": csrf}
        )
        status, cookies, _ = self.request(
            "POST",
            "/login/",
            body=form,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
        )
        if status != 302 or "sessionid" not in cookies:
            raise SystemExit(f"[{self.size}] login as {USERNAME} failed (status {status})")
        return {"Cookie": f"csrftoken={csrf}; sessionid={cookies['sessionid']}"}

    def token_headers(self) -> dict:
        body = json.dumps({"username": USERNAME, "password": PASSWORD})
        status, _, data = self.request(
            "POST", "/api/v1/auth/token/", body=body, headers={"Content-Type": "application/json"}
        )
        if status != 200:
            raise SystemExit(f"[{self.size}] token request failed ({status}): {data[:200]!r}")
        return {"Authorization": f"Token {json.loads(data)['token']}"}

    def timed_get(self, path: str, headers: dict) -> float:
        started = time.perf_counter()
        status, _, data = self.request("GET", path, headers=headers)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise SystemExit(f"[{self.size}] GET {path} gave {status}: {data[:300]!r}")
        return elapsed * 1000

    def api_page_path(self, headers: dict) -> str:
        """Path of the API list's page API_PAGE, through the `next` links."""
        path = API_URL
        for _ in range(API_PAGE - 1):
            status, _, data = self.request("GET", path, headers=headers)
            if status != 200:
                raise SystemExit(f"[{self.size}] GET {path} gave {status}: {data[:300]!r}")
            parts = urllib.parse.urlsplit(json.loads(data)["next"])
            path = f"{parts.path}?{parts.query}"
        return path

    def stop(self) -> None:
        self.conn.close()
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


# --- measuring -------------------------------------------------------------------------


def count_queries(var_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(BENCH / "querycount.py"), PAGE_URL, API_URL, str(API_PAGE), USERNAME],
        env=env_for(var_dir),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    counts = json.loads(out.stdout)
    for name, result in counts.items():
        if result["status"] != 200:  # a redirect to /login/ would make the count meaningless
            raise SystemExit(f"query count of {name} in {var_dir}: status {result['status']}")
    return counts


def measure(servers: list[Server], requests: int, warmup: int) -> dict:
    """Median and p90 (ms) per (size, endpoint), all endpoints of all sizes interleaved."""
    targets = []
    for server in servers:
        token = server.token_headers()
        targets += [
            (server, "health", HEALTH_URL, {}),
            (server, "page", PAGE_URL, server.login_headers()),
            (server, "api", server.api_page_path(token), token),
        ]
    samples = {(s.size, name): [] for s, name, _, _ in targets}
    for round_no in range(warmup + requests):
        shift = round_no % len(targets)  # rotate the order so no endpoint always goes first
        for server, name, path, headers in targets[shift:] + targets[:shift]:
            elapsed = server.timed_get(path, headers)
            if round_no >= warmup:
                samples[server.size, name].append(elapsed)
    return {
        key: {
            "median_ms": statistics.median(values),
            "p90_ms": statistics.quantiles(values, n=10, method="inclusive")[8],
            "samples_ms": [round(v, 3) for v in values],
        }
        for key, values in samples.items()
    }


def evaluate(sizes, timings, queries) -> list[tuple[str, float | str, bool]]:
    """(target, figure, passed) for each target of the issue."""
    checks = []
    small, large = sizes[0], sizes[-1]
    if len(sizes) > 1:
        for name in ("page", "api"):
            counts = [queries[size][name]["queries"] for size in sizes]
            checks.append(
                (f"{name}: SQL queries equal at all sizes", "/".join(map(str, counts)), len(set(counts)) == 1)
            )
        for name in ("page", "api"):
            ratio = timings[large, name]["median_ms"] / timings[small, name]["median_ms"]
            checks.append((f"{name}: median @{large} / @{small} <= {MAX_GROWTH}", ratio, ratio <= MAX_GROWTH))
    for size in sizes:
        ratio = timings[size, "api"]["median_ms"] / timings[size, "health"]["median_ms"]
        checks.append(
            (f"api: median / health @{size} <= {MAX_API_OVER_HEALTH:g}", ratio, ratio <= MAX_API_OVER_HEALTH)
        )
    return checks


def report(sizes, timings, queries, checks) -> None:
    print()
    print(f"{'people':>8}  {'endpoint':<8} {'median ms':>10} {'p90 ms':>8} {'x health':>9} {'queries':>8}")
    for size in sizes:
        health = timings[size, "health"]["median_ms"]
        for name in ("health", "page", "api"):
            t = timings[size, name]
            q = queries[size][name]["queries"]
            print(
                f"{size:>8}  {name:<8} {t['median_ms']:>10.2f} {t['p90_ms']:>8.2f} "
                f"{t['median_ms'] / health:>9.2f} {q:>8}"
            )
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for name in ("page", "api"):
            ratio = timings[large, name]["median_ms"] / timings[small, name]["median_ms"]
            print(f"{name} median @{large} / @{small}: {ratio:.2f}")
    print()
    for label, figure, passed in checks:
        shown = f"{figure:.2f}" if isinstance(figure, float) else figure
        print(f"{'PASS' if passed else 'FAIL'}  {label}  ({shown})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1000,100000", help="people per database, comma separated")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per endpoint and size")
    parser.add_argument("--warmup", type=int, default=5, help="untimed rounds first")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    if args.requests < 2:
        parser.error("--requests must be at least 2 (p90 needs two samples)")

    var_dirs = {size: prepare(size) for size in sizes}
    queries = {size: count_queries(var_dirs[size]) for size in sizes}
    servers = []
    try:
        for size in sizes:
            servers.append(Server(size, var_dirs[size]))
        for server in servers:
            server.wait_ready()
        timings = measure(servers, args.requests, args.warmup)
    finally:
        for server in servers:
            server.stop()

    checks = evaluate(sizes, timings, queries)
    report(sizes, timings, queries, checks)
    results_dir = BENCH / "results"
    results_dir.mkdir(exist_ok=True)
    (results_dir / "latest.json").write_text(
        json.dumps(
            {
                "when": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                "machine": {
                    "cpus": os.cpu_count(),
                    "platform": platform.platform(),
                    "python": platform.python_version(),
                },
                "args": vars(args),
                "spbe_debug": os.environ.get("SPBE_DEBUG", "1 (default)"),
                "urls": {
                    "health": HEALTH_URL,
                    "page": PAGE_URL,
                    "api": f"{API_URL} (page {API_PAGE}, by cursor)",
                },
                "timings": {f"{size}/{name}": t for (size, name), t in timings.items()},
                "queries": {str(size): q for size, q in queries.items()},
                "targets": [{"target": c[0], "figure": c[1], "pass": c[2]} for c in checks],
            },
            indent=1,
        )
    )
    print(f"\nwritten: {(results_dir / 'latest.json').relative_to(ROOT)}")
    failed = [label for label, _, passed in checks if not passed]
    if failed:
        print("targets failed: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
