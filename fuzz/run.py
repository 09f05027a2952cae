"""`make fuzz`: schemathesis against a live server, bounded in examples and time.

1. A demo database is built once under var/fuzz/base/ (`spbe migrate`, `createcachetable`,
   `demo`) and copied to a fresh var/fuzz/run/ for every run (the fuzzer creates, changes and
   deletes records).
2. gunicorn serves it on 127.0.0.1 (a free port, two sync workers).
3. A token is obtained through POST /api/v1/auth/token/ for the demo platform admin (who sees
   and may change the most: the widest set of answers to check).
4. schemathesis (`st run`) reads the live schema (/api/schema/) and runs its examples,
   coverage and fuzzing phases on every operation, at most --max-examples cases per operation
   and --max-time seconds in all, with the checks: no server error, status code, content type
   and response body conform to the schema.
5. The figures are printed from schemathesis' JSON report: operations covered, server errors,
   response-schema violations (targets: 0 and 0), and the other failed checks. Exit 1 when
   the targets are missed.

    make fuzz
    .venv/bin/python fuzz/run.py --max-examples 20 --max-time 600
"""

import argparse
import collections
import http.client
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.prefix) / "bin"
VAR = ROOT / "var" / "fuzz"
USERNAME, PASSWORD = "admin", "spbe-demo-2026"  # the demo platform admin
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def env_for(var_dir: Path) -> dict:
    # The server runs as `make demo` runs it: DEBUG off, so answers are the platform's own (an
    # unknown API address answers JSON), not Django's debug pages.
    env = dict(os.environ, SPBE_VAR_DIR=str(var_dir), SPBE_DEMO="1")
    env.pop("DATABASE_URL", None)  # always the SQLite file of var_dir
    return env


def spbe(var_dir: Path, *args: str) -> None:
    subprocess.run([str(BIN / "spbe"), *args], env=env_for(var_dir), cwd=ROOT, check=True)


def prepare() -> Path:
    base, run = VAR / "base", VAR / "run"
    if not (base / "spbe.sqlite3").exists():
        print("building the demo database for fuzzing (once) ...", flush=True)
        shutil.rmtree(base, ignore_errors=True)
        base.mkdir(parents=True)
        spbe(base, "migrate", "--noinput", "-v0")
        spbe(base, "createcachetable")
        spbe(base, "demo")
    spbe(base, "migrate", "--noinput", "-v0")  # new migrations since the base was built
    shutil.rmtree(run, ignore_errors=True)
    shutil.copytree(base, run)
    return run


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def wait_ready(proc, port, seconds=90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited; see var/fuzz/gunicorn.log")
        try:
            if request(port, "GET", "/health/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise SystemExit("gunicorn not ready; see var/fuzz/gunicorn.log")


def token(port) -> str:
    body = json.dumps({"username": USERNAME, "password": PASSWORD})
    status, data = request(port, "POST", "/api/v1/auth/token/", body, {"Content-Type": "application/json"})
    if status != 200:
        raise SystemExit(f"token request failed ({status}): {data[:200]!r}")
    return json.loads(data)["token"]


def summarise(report_path: Path) -> dict:
    """Operations covered and failures per check, from schemathesis' JSON report."""
    report = json.loads(report_path.read_text())
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--max-examples", type=int, default=10, help="test cases per operation and phase")
    parser.add_argument("--max-time", type=int, default=300, help="seconds for the whole run")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    var_dir = prepare()
    port = free_port()
    log = open(VAR / "gunicorn.log", "w")
    proc = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "spbe.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
        ],
        env=env_for(var_dir),
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    report_dir = VAR / "report"
    shutil.rmtree(report_dir, ignore_errors=True)
    try:
        wait_ready(proc, port)
        key = token(port)
        # The schema as the live server serves it (read here: generating it can take longer
        # than schemathesis' loading timeout on a busy machine).
        status, schema = request(
            port, "GET", "/api/schema/?format=json", headers={"Accept": "application/json"}
        )
        if status != 200:
            raise SystemExit(f"GET /api/schema/ gave {status}")
        schema_path = VAR / "openapi.json"
        schema_path.write_bytes(schema)
        command = [
            str(BIN / "st"),
            "run",
            str(schema_path),
            "--url",
            f"http://127.0.0.1:{port}",
            "-H",
            f"Authorization: Token {key}",
            "--checks",
            CHECKS,
            "--phases",
            "examples,coverage,fuzzing",
            "--max-examples",
            str(args.max_examples),
            "--max-time",
            str(args.max_time),
            "--seed",
            str(args.seed),
            "--workers",
            "1",
            "--request-timeout",
            "30",
            "--generation-database",
            "none",
            "--suppress-health-check",
            "all",
            "--exclude-path",
            "/api/v1/auth/token/",  # throttled and locks after failures: tested in the suite
            "--exclude-path",
            "/api/v1/auth/tokens/",  # revoking the fuzzer's own token would turn every later call into a 401
            "--report",
            "ndjson",
            "--report-dir",
            str(report_dir),
            "--no-color",
        ]
        status = subprocess.run(command, cwd=VAR).returncode  # its cache stays in var/
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
    return figures(report_dir, status)


def figures(report_dir: Path, status: int) -> int:
    """Print operations covered, server errors and schema violations from the event log.

    Failures are counted once per operation and kind (schemathesis reports each distinct
    failure once, after shrinking, but may log it in several phases)."""
    covered, failures = set(), collections.defaultdict(set)
    for path in report_dir.glob("*.ndjson"):
        for line in path.read_text().splitlines():
            event = json.loads(line).get("ScenarioFinished")
            if not event or event.get("status") == "skip":
                continue
            recorder = event.get("recorder", {})
            label = recorder.get("label", "")
            covered.add(label)
            for results in recorder.get("checks", {}).values():
                for check in results:
                    if check.get("status") == "failure":
                        failure = check.get("failure_info", {}).get("failure", {})
                        failures[check["name"]].add(
                            (label, failure.get("title", ""), failure.get("message", ""))
                        )
    server_errors = failures.get("not_a_server_error", set())
    violations = failures.get("response_schema_conformance", set())
    print()
    print(f"operations covered:          {len(covered)}")
    print(f"server errors:               {len(server_errors)}")
    print(f"response-schema violations:  {len(violations)}")
    for name, found in sorted(failures.items()):
        if name not in ("not_a_server_error", "response_schema_conformance"):
            print(f"other failed checks ({name}): {len(found)}")
    for name, found in sorted(failures.items()):
        for label, title, message in sorted(found)[:20]:
            print(f"  {name}: {label}: {title}: {message.splitlines()[0] if message else ''}")
    print(f"schemathesis exit status:    {status}; event log in {report_dir.relative_to(ROOT)}")
    return 0 if not server_errors and not violations and covered else 1


if __name__ == "__main__":
    sys.exit(main())
