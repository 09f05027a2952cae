"""Concurrent writers and exporters: every request must succeed (issue 7 §3).

Ten users create people through the API while five others download the people list as CSV and
XLSX (each export writes an audit event), all at once through the full request stack (Django's
test client, one thread and database connection per user). Reported: requests, server errors
(HTTP 5xx or exceptions, target 0) and the slowest request. `--before` runs SQLite with the
previous transaction mode (deferred), which produced "database is locked".

    .venv/bin/python bench/concurrency.py --db sqlite
    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<your db> .venv/bin/python bench/concurrency.py --db postgres
"""

import threading
import time
from collections import Counter

import robust_common as common

args = common.arguments(
    __doc__.splitlines()[0],
    writers=(int, 10, "users creating records"),
    exporters=(int, 5, "users exporting"),
    seconds=(float, 20.0, "how long they work"),
)
common.setup_django(args.db)

from django.conf import settings  # noqa: E402

if args.before and args.db == "sqlite":
    settings.DATABASES["default"]["OPTIONS"].pop("transaction_mode", None)

import django  # noqa: E402

django.setup()
common.migrate()

from django.core.signals import got_request_exception  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402

from spbe.core import audit  # noqa: E402
from spbe.org.choices import Role  # noqa: E402
from spbe.org.models import Person, RoleAssignment  # noqa: E402

tag = f"{int(time.time())}"
agency, (first, second) = common.scene(tag)
from django.contrib.auth import get_user_model  # noqa: E402

users = [first, second]
for index in range(args.writers + args.exporters - 2):
    user = get_user_model().objects.create(username=f"bench.u{index}.{tag}")
    RoleAssignment.objects.create(user=user, role=Role.AGENCY_ADMIN, agency=agency)
    users.append(user)
for index in range(200):
    Person.objects.create(agency=agency, name=f"Awal {tag} {index}", employment="non_asn")
connections.close_all()

stop_at = time.monotonic() + args.seconds
outcomes: Counter = Counter()
statuses: Counter = Counter()
errors: list[str] = []
slowest = [0.0]
lock = threading.Lock()


def _record_exception(sender, request=None, **kwargs):
    import sys

    with lock:
        if len(errors) < 5:
            errors.append(f"{request.path if request else ''}: {sys.exc_info()[1]!r}"[:200])


got_request_exception.connect(_record_exception)


def note(kind: str, status: int | None, seconds: float, detail: str = "") -> None:
    with lock:
        ok = status is not None and status < 500
        outcomes[(kind, "ok" if ok else "error")] += 1
        statuses[f"{kind} {status}"] += 1
        slowest[0] = max(slowest[0], seconds)
        if not ok and status is None and len(errors) < 5:
            errors.append(f"{kind}: {detail[:200]}")


def writer(user, number):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    count = 0
    while time.monotonic() < stop_at:
        count += 1
        started = time.perf_counter()
        try:
            response = client.post(
                "/api/v1/org/people/",
                {"agency": agency.pk, "name": f"Baru {tag} {number}-{count}", "employment": "non_asn"},
                content_type="application/json",
            )
            detail = "" if response.status_code < 500 else response.content.decode(errors="replace")
            note("write", response.status_code, time.perf_counter() - started, detail)
        except Exception as error:  # noqa: BLE001  (a failure is what is being counted)
            note("write", None, time.perf_counter() - started, repr(error))
    connections.close_all()


def exporter(user, number):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    while time.monotonic() < stop_at:
        started = time.perf_counter()
        kind = "xlsx" if number % 2 else "csv"
        try:
            response = client.get(f"/org/people/export/?format={kind}&agency={agency.pk}")
            body = b"".join(response.streaming_content) if response.streaming else response.content
            detail = "" if response.status_code < 500 else body.decode(errors="replace")
            note("export", response.status_code, time.perf_counter() - started, detail)
        except Exception as error:  # noqa: BLE001
            note("export", None, time.perf_counter() - started, repr(error))
    connections.close_all()


threads = [threading.Thread(target=writer, args=(users[i], i)) for i in range(args.writers)]
threads += [
    threading.Thread(target=exporter, args=(users[args.writers + i], i)) for i in range(args.exporters)
]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()

result = {
    "database": connection.vendor,
    "variant": "before (deferred SQLite transactions)" if args.before else "after",
    "writers": args.writers,
    "exporters": args.exporters,
    "seconds": args.seconds,
    "writes_ok": outcomes[("write", "ok")],
    "write_errors": outcomes[("write", "error")],
    "exports_ok": outcomes[("export", "ok")],
    "export_errors": outcomes[("export", "error")],
    "statuses": dict(statuses),
    "slowest_request_seconds": round(slowest[0], 2),
    "error_examples": errors,
    "audit_chain": str(audit.verify()),
}
common.save_result(f"concurrency-{connection.vendor}{'-before' if args.before else ''}", result)
raise SystemExit(1 if result["write_errors"] or result["export_errors"] else 0)
