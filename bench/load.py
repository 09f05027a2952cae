"""`make bench-http`: the platform under gunicorn as users load it, on PostgreSQL at province scale.

For each size (people; default 20,000 and 400,000) it builds a PostgreSQL database
`<DATABASE_URL's name>_bench_<size>` (migrate, createcachetable, demo, then `spbe generate` up to
the size; kept and reused while it holds that many people), starts gunicorn with 5 workers x 3
threads on it (production settings: SPBE_DEBUG=0), and measures with wrk (Debian's package,
installed with apt-get if missing) requests per second and p50/p90 at 1 and 8 connections for:

  health        /health/ (no database; the trivial view of the same run, over plain HTTP)
  <model> list  first page of the API list (50 rows, default order)
  <model> deep  the API page 100 pages in (cursor followed from the first page)
  <model> search  the API list with `q` (people: q=hasan)
  <model> one   one record
  pages         HTML pages as a logged-in user: people list page 3, the compliance matrix, home
  people create POST of a new person (wrk with a Lua body; people only)

for people and every module's main list (compliance: obligations and statuses). Sizes are
measured in alternating passes (pass 1: every point on size A then size B, pass 2 ...), and the median of the passes is reported with
its spread, because the machine is shared. Every request sends `X-Forwarded-Proto: https`, as the
TLS proxy in front of a production install does (otherwise SPBE_DEBUG=0 redirects to HTTPS);
/health/ is exempt from that redirect and is requested over plain HTTP.

Results: a table on stdout and bench/results/http-<timestamp>.json (+ http-latest.json).
Exit status 1 when a target is missed (listed at the end):
  - no errors (non-2xx or socket errors) on any point;
  - search p50 at the largest size <= 1.5 x search p50 at the smallest size;
  - people list, deep page and search at 1 connection >= --min-rps (default 83: ten times
    NetBox's 8.3 req/s contacts list measured on this machine, ../shared/peers/README.md).
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = ROOT / ".venv" / "bin"
RESULTS = HERE / "results"
# The platform admin sees every government, so lists span the whole generated register (the
# demo government's ICT admin would see only its own ~500 people).
USERNAME, PASSWORD = "admin", "spbe-demo-2026"
SECRET = "bench-only-secret-0123456789abcdefghijklmnopqrstuvwxyz-0123456789"


# A threaded gunicorn worker accepts kept-alive connections beyond its threads (1,000 by default),
# so 8 clients could all land on one process, which the GIL holds to one core: a third of the
# 8-connection runs served half as much. At most its threads plus two idle connections each, the
# clients spread over the processes. (Production runs sync workers, one connection each.)
def keepalive_spread(threads: int) -> list[str]:
    return ["--worker-connections", str(threads + 2)]


PROTO = "X-Forwarded-Proto: https"

# The main list of every module: (label, API prefix, search word).
LISTS = [
    ("people", "org/people", "hasan"),
    ("agencies", "org/agencies", "dinas"),
    ("decrees", "org/decrees", "tim"),
    ("applications", "applications/applications", "sistem"),
    ("roadmap items", "planning/roadmap-items", "layanan"),
    ("obligations", "compliance/obligations", "data"),
    ("compliance statuses", "compliance/statuses", "belum"),
]

# HTML pages as a logged-in user: (label, path).
PAGES = [
    ("people page3", "/org/people/?page=3"),
    ("compliance matrix", "/compliance/"),
    ("home", "/"),
]


def log(msg):
    print(f"[bench-http {time.strftime('%H:%M:%S')}] {msg}", flush=True)


def db_url(base: str, size: int) -> str:
    parts = urllib.parse.urlsplit(base)
    name = parts.path.lstrip("/") or "spbe"
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}_bench_{size}"))


def env_for(url: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=url,
        SPBE_DEBUG="0",
        SPBE_SECRET_KEY=SECRET,
        SPBE_ALLOWED_HOSTS="127.0.0.1,localhost",
        SPBE_VAR_DIR=str(ROOT / "var" / "bench-http"),
    )
    return env


def spbe(url: str, *args, capture=False):
    out = subprocess.run(
        [str(BIN / "spbe"), *args], env=env_for(url), check=True, capture_output=capture, text=True
    )
    return out.stdout if capture else None


def ensure_database(base: str, url: str):
    import psycopg

    name = urllib.parse.urlsplit(url).path.lstrip("/")
    with psycopg.connect(base, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            # A throwaway benchmark database: building it need not wait for every commit's fsync.
            conn.execute(f'ALTER DATABASE "{name}" SET synchronous_commit = off')


def people_in(url: str) -> int:
    out = spbe(
        url, "shell", "-c", "from spbe.org.models import Person; print(Person.objects.count())", capture=True
    )
    return int(out.strip().splitlines()[-1])


def build(base: str, size: int) -> str:
    url = db_url(base, size)
    ensure_database(base, url)
    (ROOT / "var" / "bench-http").mkdir(parents=True, exist_ok=True)
    spbe(url, "migrate", "--noinput", "-v0")
    spbe(url, "createcachetable")
    have = people_in(url)
    if have == 0:
        log(f"{size}: demo data")
        spbe(url, "demo")
        have = people_in(url)
    if have < size:
        log(f"{size}: generating {size - have} people (spbe generate)")
        started = time.monotonic()
        spbe(url, "generate", "--people", str(size - have + synthetic_people(url)))
        log(f"{size}: generated in {time.monotonic() - started:.0f} s")
        spbe(
            url,
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
        )
    return url


def synthetic_people(url: str) -> int:
    out = spbe(
        url,
        "shell",
        "-c",
        "from spbe.org.models import Person; "
        "print(Person.objects.filter(agency__government__name='Pemerintah Kabupaten Sintetis').count())",
        capture=True,
    )
    return int(out.strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, size: int, url: str, workers: int, threads: int):
        self.size, self.url = size, url
        # Production settings serve hashed static files: without the manifest every page is a 500.
        spbe(url, "collectstatic", "--noinput", "-v0")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "spbe.wsgi:application",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(workers),
                "--threads",
                str(threads),
                *keepalive_spread(threads),
                "--access-logfile",
                "/dev/null",
                "--error-logfile",
                str(ROOT / "var" / "bench-http" / f"gunicorn-{size}.log"),
            ],
            env=env_for(url),
        )
        for _ in range(120):
            try:
                urllib.request.urlopen(self.base + "/health/", timeout=2).read()
                break
            except OSError:
                time.sleep(0.5)
        else:
            raise SystemExit(f"gunicorn for {size} did not answer /health/")

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        self.proc.wait(timeout=60)

    def request(self, method, path, headers=None, body=None):
        req = urllib.request.Request(self.base + path, data=body, method=method, headers={**(headers or {})})
        req.add_header("X-Forwarded-Proto", "https")
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.read(), resp.headers

    def token(self, username: str = USERNAME, password: str = PASSWORD) -> str:
        body = json.dumps({"username": username, "password": password}).encode()
        _status, data, _h = self.request(
            "POST", "/api/v1/auth/token/", {"Content-Type": "application/json"}, body
        )
        return json.loads(data)["token"]

    def session_cookie(self, username: str = USERNAME, password: str = PASSWORD) -> str:
        """A logged-in session, as a browser behind the TLS proxy gets it. The cookies are Secure
        (production settings), which a cookie jar would not send over this plain-HTTP loopback,
        so they are carried by hand."""

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        def cookies_of(headers) -> dict:
            jar = {}
            for header in headers.get_all("Set-Cookie") or []:
                name, _, rest = header.partition("=")
                jar[name.strip()] = rest.split(";", 1)[0]
            return jar

        req = urllib.request.Request(self.base + "/login/", headers={"X-Forwarded-Proto": "https"})
        with urllib.request.urlopen(req, timeout=30) as resp:
            page, jar = resp.read().decode(), cookies_of(resp.headers)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        form = urllib.parse.urlencode(
            {"username": username, "password": password, "csrfmiddlewaretoken": csrf}
        )
        req = urllib.request.Request(
            self.base + "/login/",
            data=form.encode(),
            headers={
                "X-Forwarded-Proto": "https",
                "Referer": f"https://127.0.0.1:{self.port}/login/",
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={jar['csrftoken']}",
            },
        )
        try:
            urllib.request.build_opener(NoRedirect).open(req, timeout=30)
            raise SystemExit("logging in did not redirect: wrong demo password?")
        except urllib.error.HTTPError as answer:  # the 302 after a successful login
            jar.update(cookies_of(answer.headers))
        return f"csrftoken={jar['csrftoken']}; sessionid={jar['sessionid']}"


def follow(server, path, headers, pages):
    """The API path `pages` pages in, by following `next`."""
    for _ in range(pages):
        _s, data, _h = server.request("GET", path, headers)
        nxt = json.loads(data)["next"]
        if not nxt:
            break
        parts = urllib.parse.urlsplit(nxt)
        path = f"{parts.path}?{parts.query}"
    return path


def points_for(server, deep_pages: int) -> list[dict]:
    token = server.token()
    api = {"Authorization": f"Token {token}"}
    api_h = [f"Authorization: Token {token}", PROTO]
    points = [{"name": "health", "method": "GET", "path": "/health/", "headers": []}]
    for label, prefix, word in LISTS:
        first = f"/api/v1/{prefix}/?page_size=50"
        _s, data, _h = server.request("GET", first, api)
        rows = json.loads(data)["results"]
        if not rows:
            continue
        points.append({"name": f"{label} list", "method": "GET", "path": first, "headers": api_h})
        points.append(
            {
                "name": f"{label} deep",
                "method": "GET",
                "path": follow(server, first, api, deep_pages),
                "headers": api_h,
            }
        )
        points.append(
            {
                "name": f"{label} search",
                "method": "GET",
                "path": f"/api/v1/{prefix}/?q={word}&page_size=50",
                "headers": api_h,
            }
        )
        points.append(
            {
                "name": f"{label} one",
                "method": "GET",
                "path": f"/api/v1/{prefix}/{rows[0]['id']}/",
                "headers": api_h,
            }
        )
        if label == "people":
            agency = rows[0]["agency"]["id"]
            points.append(
                {
                    "name": "people create",
                    "method": "POST",
                    "path": f"/api/v1/{prefix}/",
                    "headers": api_h + ["Content-Type: application/json"],
                    "body": json.dumps(
                        {
                            "agency": agency,
                            "name": "Beban Uji",
                            "employment": "non_asn",
                            "position": "Staf Pelaksana",
                        }
                    ),
                }
            )
    points += [{"name": label, "method": "GET", "path": path, "headers": None} for label, path in PAGES]
    cookie = None
    for point in points:
        if point["headers"] is None:
            cookie = cookie or server.session_cookie()
            point["headers"] = [f"Cookie: {cookie}", PROTO]
    return points


def to_ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s|m)$", text)
    value, unit = float(m.group(1)), m.group(2)
    return (
        value / 1000
        if unit == "us"
        else value
        if unit == "ms"
        else value * 1000
        if unit == "s"
        else value * 60000
    )


def wrk(server, point, conns: int, duration: float) -> dict:
    cmd = ["wrk", f"-t{min(conns, 2)}", f"-c{conns}", f"-d{duration:g}s", "--latency", "--timeout", "60s"]
    for header in point["headers"]:
        cmd += ["-H", header]
    script = None
    if point["method"] == "POST":
        script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
        script.write(f"wrk.method = 'POST'\nwrk.body = {json.dumps(point['body'])}\n")
        script.close()
        cmd += ["-s", script.name]
    done = subprocess.run(cmd + [server.base + point["path"]], capture_output=True, text=True)
    out = done.stdout
    if script:
        os.unlink(script.name)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", out)
    if rps is None:
        raise SystemExit(f"wrk gave no figures for {point['name']}: {done.stderr or out}")
    result = {"rps": float(rps.group(1))}
    for p in ("50", "90"):
        m = re.search(rf"^\s+{p}%\s+(\S+)", out, re.M)
        result[f"p{p}"] = round(to_ms(m.group(1)), 2) if m else None
    errors = 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(m.group(1)) if m else 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    errors += sum(int(x) for x in m.groups()) if m else 0
    result["errors"] = errors
    result["requests"] = int(re.search(r"(\d+) requests in", out).group(1))
    return result


def pg_database(url: str) -> bool:
    """Whether the PostgreSQL database `url` can be used, creating it when only it is missing."""
    import psycopg

    url = url.replace("postgres://", "postgresql://")
    try:
        psycopg.connect(url, connect_timeout=3).close()
        return True
    except Exception:  # noqa: BLE001 - maybe only the database is missing: create it
        server, _sep, name = url.rpartition("/")
        try:
            with psycopg.connect(f"{server}/postgres", connect_timeout=3, autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{name}"')
            return True
        except Exception:  # noqa: BLE001
            return False


def served(url: str, username: str, password: str, paths: dict[str, str], label: str, seconds: float = 8):
    """`paths` ({name: path}) under gunicorn (5 workers x 3 threads, production settings) on the
    database `url`, loaded with wrk at 1 and 8 connections after /health/: printable lines of
    requests per second, p50 and p90. An API path is asked with a token, a page with a logged-in
    session (both for `username`); any error response stops the run."""
    ensure_wrk()
    (ROOT / "var" / "bench-http").mkdir(parents=True, exist_ok=True)
    server = Server(label, url, 5, 3)
    lines = []
    try:
        auth = {
            "api": f"Authorization: Token {server.token(username, password)}",
            "page": f"Cookie: {server.session_cookie(username, password)}",
        }
        points = [{"name": "health", "path": "/health/", "method": "GET", "headers": []}]
        for name, path in paths.items():
            kind = "api" if path.startswith("/api/") else "page"
            points.append({"name": name, "path": path, "method": "GET", "headers": [PROTO, auth[kind]]})
        for point in points:
            for conns in (1, 8):
                wrk(server, point, max(conns, 4), 2)  # warm every worker
                r = wrk(server, point, conns, seconds)
                if r["errors"]:
                    raise SystemExit(f"{label} bench: {r['errors']} errors on {point['name']}")
                lines.append(
                    f"  {point['name']:<22} {conns} conn  {r['rps']:7.1f} req/s  p50 {r['p50']:7.1f} ms"
                    f"  p90 {r['p90']:7.1f} ms"
                )
    finally:
        server.stop()
    return lines


def ensure_wrk():
    if shutil.which("wrk"):
        return
    log("installing wrk (Debian package)")
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "wrk"],
        check=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )


def median_spread(values):
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    return round(statistics.median(values), 2), round(max(values) - min(values), 2)


def parse_args():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="20000,400000")
    ap.add_argument(
        "--database-url", default=os.environ.get("DATABASE_URL") or "postgres://postgres@127.0.0.1:5432/spbe"
    )
    ap.add_argument("--duration", type=float, default=5)
    ap.add_argument("--passes", type=int, default=3)
    ap.add_argument("--conns", default="1,8")
    ap.add_argument("--deep-pages", type=int, default=100)
    ap.add_argument("--workers", type=int, default=5)
    ap.add_argument("--threads", type=int, default=3)
    ap.add_argument("--only", default="", help="comma-separated point names (e.g. 'health,people list')")
    ap.add_argument("--min-rps", type=float, default=83.0)
    ap.add_argument("--build-only", action="store_true", help="build the databases, measure nothing")
    args = ap.parse_args()
    if not args.database_url.startswith("postgres"):
        raise SystemExit("bench-http measures PostgreSQL: set DATABASE_URL=postgres://...")
    args.sizes = [int(s) for s in args.sizes.split(",")]
    args.conns = [int(c) for c in args.conns.split(",")]
    args.only = {n.strip() for n in args.only.split(",") if n.strip()}
    return args


def measure(args, urls) -> dict:
    """{(size, point name, connections): [wrk result per pass]}, sizes alternating per pass."""
    servers = {}
    samples = {}
    try:
        for size in args.sizes:
            servers[size] = Server(size, urls[size], args.workers, args.threads)
        points = {size: points_for(servers[size], args.deep_pages) for size in args.sizes}
        if args.only:
            points = {size: [p for p in pts if p["name"] in args.only] for size, pts in points.items()}
        for n in range(1, args.passes + 1):
            log(f"pass {n} of {args.passes}")
            for size in args.sizes:
                for point in points[size]:
                    for c in args.conns:
                        if n == 1:  # warm-up, not recorded: every worker compiles its code paths
                            wrk(servers[size], point, max(c, 4), 2)
                        r = wrk(servers[size], point, c, args.duration)
                        samples.setdefault((size, point["name"], c), []).append(r)
    finally:
        for server in servers.values():
            server.stop()
    return samples


def summarise(samples) -> list[dict]:
    rows = []
    for (size, name, c), runs in samples.items():
        rps, rps_spread = median_spread([r["rps"] for r in runs])
        p50, p50_spread = median_spread([r["p50"] for r in runs])
        p90, _ = median_spread([r["p90"] for r in runs])
        rows.append(
            {
                "size": size,
                "name": name,
                "conns": c,
                "rps": rps,
                "rps_spread": rps_spread,
                "p50_ms": p50,
                "p50_spread": p50_spread,
                "p90_ms": p90,
                "errors": sum(r["errors"] for r in runs),
                "runs": runs,
            }
        )
    return rows


def print_table(args, rows):
    health = {(r["size"], r["conns"]): r["rps"] for r in rows if r["name"] == "health"}
    print()
    print(
        f"loadavg {os.getloadavg()[0]:.1f}, {os.cpu_count()} CPUs, gunicorn {args.workers}x{args.threads}, "
        f"{args.passes} alternating passes of {args.duration:g} s, median (spread)"
    )
    print("| people | request | conns | req/s | p50 ms | p90 ms | x health req/s | errors |")
    print("|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        ratio = health.get((r["size"], r["conns"]))
        ratio = f"{r['rps'] / ratio:.2f}" if ratio else ""
        print(
            f"| {r['size']:,} | {r['name']} | {r['conns']} | {r['rps']} ({r['rps_spread']}) | "
            f"{r['p50_ms']} ({r['p50_spread']}) | {r['p90_ms']} | {ratio} | {r['errors']} |"
        )


def missed_targets(args, rows) -> list[str]:
    failures = [f"{r['size']} {r['name']} c={r['conns']}: {r['errors']} errors" for r in rows if r["errors"]]
    by = {(r["size"], r["name"], r["conns"]): r for r in rows}
    small, large = min(args.sizes), max(args.sizes)
    if small != large and (small, "people search", 1) in by and (large, "people search", 1) in by:
        growth = by[(large, "people search", 1)]["p50_ms"] / by[(small, "people search", 1)]["p50_ms"]
        print(f"\npeople search p50 at {large:,} / at {small:,}: {growth:.2f} (target <= 1.5)")
        if growth > 1.5:
            failures.append(f"search p50 grows {growth:.2f}x from {small} to {large} people")
    for name in ("people list", "people deep", "people search"):
        r = by.get((small, name, 1))
        if r and r["rps"] < args.min_rps:
            failures.append(f"{small} {name} c=1: {r['rps']} req/s < {args.min_rps}")
    return failures


def main():
    args = parse_args()
    ensure_wrk()
    urls = {size: build(args.database_url, size) for size in args.sizes}
    if args.build_only:
        return
    rows = summarise(measure(args, urls))
    print_table(args, rows)
    failures = missed_targets(args, rows)
    RESULTS.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    payload = {
        "args": {**vars(args), "only": sorted(args.only)},
        "loadavg": os.getloadavg(),
        "rows": rows,
        "failures": failures,
    }
    for name in (f"http-{stamp}.json", "http-latest.json"):
        (RESULTS / name).write_text(json.dumps(payload, indent=1))
    print(f"results: bench/results/http-{stamp}.json")
    if failures:
        print("TARGETS MISSED: " + "; ".join(failures))
        sys.exit(1)
    print("all targets met")


if __name__ == "__main__":
    main()
