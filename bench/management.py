"""`make bench` (management part): the ICT office's ticket queue with 200,000 tickets on
PostgreSQL, and the SLA recomputation of one ticket with 200 events.

The database `<name>_bench_mgmt` on the PostgreSQL server of BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/postgres) is built once (40 agencies, 200,000 tickets spread
over two years, a fifth of them open). The pages are requested in process through Django's test
client as the service desk tier 2 (government-wide), in turn with the trivial /health/ view, so the
machine's noise falls on both alike; timings are reported as ratios to /health/ of the same run.

Targets: each queue page (status, priority, agency, overdue filters, 50 per page) <= 30 x /health/
and a constant number of queries; recomputing one ticket's clock from 200 events <= 30 x /health/.
Then the same queue page and API list are served by gunicorn (5 workers x 3 threads, production
settings, bench/load.py's server) and loaded with wrk at 1 and 8 connections beside /health/: requests
per second and p50, reported with no target (the in-process ratios above are the targets).
Skipped (exit 0, saying so) when no PostgreSQL server is reachable. Exits 1 when a target fails.
"""

import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres")
NAME = BASE.rsplit("/", 1)[0] + "/" + BASE.rsplit("/", 1)[1] + "_bench_mgmt"
TICKETS = int(os.environ.get("BENCH_TICKETS", "200000"))
ROUNDS = 15
PAGE_TARGET = 30.0
SLA_TARGET = 30.0
PAGES = {
    "queue (open, tier 2)": "/management/tickets/?status=new&status=in_progress&status=waiting&tier=2&per_page=50",
    "priority p1": "/management/tickets/?priority=p1&per_page=50&page=3",
    "one agency": "/management/tickets/?agency={agency}&per_page=50",
    "overdue": "/management/tickets/?overdue=true&per_page=50",
    "API open": "/api/v1/management/tickets/?status=in_progress&page_size=50",
}


def setup_django():
    os.environ["DATABASE_URL"] = NAME
    os.environ.setdefault("SPBE_VAR_DIR", str(ROOT / "var" / "bench" / "management"))
    Path(os.environ["SPBE_VAR_DIR"]).mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)


def build():
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from spbe.management.models import Ticket, TicketEvent
    from spbe.org.models import Agency, Government, Person, RoleAssignment

    gov, _ = Government.objects.get_or_create(
        name="Pemerintah Kabupaten Bench Manajemen",
        defaults={"domain": "bench.go.id", "region_code": "72.99"},
    )
    if Ticket._base_manager.count() >= TICKETS:
        return gov
    agencies = list(Agency.objects.filter(government=gov))
    if not agencies:
        agencies = [
            Agency.objects.create(government=gov, name=f"Dinas Bench {i}", short_name=f"DB{i}", kind="office")
            for i in range(40)
        ]
    User = get_user_model()
    user = User.objects.filter(username="bench.tier2").first()
    if user is None:
        user = User.objects.create_user("bench.tier2", password="spbe-bench-2026", first_name="Tier Dua")
        RoleAssignment.objects.create(user=user, role="service_desk_tier2")
        Person.objects.create(
            agency=agencies[0], name="Tier Dua", user=user, employment="non_asn", position="Pranata Komputer"
        )
    rng = random.Random(14)
    now = timezone.now()
    statuses = [
        "new",
        "in_progress",
        "waiting",
        "resolved",
        "closed",
        "closed",
        "closed",
        "closed",
        "closed",
        "closed",
    ]
    batch, n = [], Ticket._base_manager.count()
    while n < TICKETS:
        opened = now - datetime.timedelta(minutes=rng.randint(0, 2 * 365 * 24 * 60))
        status = rng.choice(statuses)
        batch.append(
            Ticket(
                agency=rng.choice(agencies),
                number=f"TK-B-{n:07d}",
                kind=rng.choice(["incident", "request"]),
                title=f"Gangguan layanan {n}",
                description="Dibuat untuk pengukuran.",
                priority=rng.choice(["p1", "p2", "p3", "p4"]),
                status=status,
                tier=rng.choice([1, 1, 2]),
                channel="web",
                requester=user,
                opened_at=opened,
                resolution_due=opened + datetime.timedelta(hours=rng.randint(1, 60)),
            )
        )
        n += 1
        if len(batch) == 5000:
            Ticket._base_manager.bulk_create(batch)
            batch = []
    if batch:
        Ticket._base_manager.bulk_create(batch)
    first = Ticket._base_manager.order_by("id").first()
    TicketEvent._base_manager.filter(ticket=first).delete()
    events, at = [], first.opened_at
    kinds = ["waiting", "resumed", "priority", "comment"]
    TicketEvent._base_manager.create(ticket=first, at=at, kind="opened", priority="p3")
    for i in range(199):
        at += datetime.timedelta(minutes=rng.randint(5, 240))
        kind = kinds[i % 4]
        events.append(
            TicketEvent(
                ticket=first,
                at=at,
                kind=kind,
                priority=rng.choice(["p1", "p2", "p3", "p4"]) if kind == "priority" else "",
            )
        )
    TicketEvent._base_manager.bulk_create(events)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return gov


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def measure(gov):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from spbe.management import services
    from spbe.management.models import Ticket
    from spbe.org.models import Agency

    client = Client()
    assert client.login(username="bench.tier2", password="spbe-bench-2026")
    agency = Agency.objects.filter(government=gov).order_by("id").first()
    pages = {k: v.format(agency=agency.pk) for k, v in PAGES.items()}
    first = Ticket._base_manager.order_by("id").first()
    calendar = services.working_calendar()
    times = {name: [] for name in [*pages, "health", "SLA recompute (200 events)"]}
    queries = {}
    for name, url in pages.items():  # warm up, and count the queries
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            status = client.get(url).status_code
        assert status == 200, (name, status)
        queries[name] = len(ctx)
    for _ in range(ROUNDS):
        times["health"].append(timed(lambda: client.get("/health/")))
        for name, url in pages.items():
            times[name].append(timed(lambda url=url: client.get(url)))
        times["SLA recompute (200 events)"].append(
            timed(lambda: services.ticket_recompute(ticket=first, calendar=calendar))
        )
    return {k: statistics.median(v) for k, v in times.items()}, queries


def under_gunicorn(gov) -> list[str]:
    """The queue page, one agency's page and the API list under gunicorn at 1 and 8 connections."""
    import load

    from spbe.org.models import Agency

    agency = Agency.objects.filter(government=gov).order_by("id").first()
    paths = {
        "queue page": PAGES["queue (open, tier 2)"],
        "one agency page": PAGES["one agency"].format(agency=agency.pk),
        "API open": PAGES["API open"],
    }
    return load.served(NAME, "bench.tier2", "spbe-bench-2026", paths, "mgmt")


def main() -> int:
    import load

    if not load.pg_database(NAME):
        print(f"management bench: PostgreSQL not reachable at {BASE}: SKIPPED")
        return 0
    setup_django()
    gov = build()
    medians, queries = measure(gov)
    health = medians["health"]
    failed = []
    print(f"management bench: {TICKETS:,} tickets on PostgreSQL; /health/ median {health:.1f} ms")
    for name, ms in medians.items():
        if name == "health":
            continue
        ratio = ms / health
        target = SLA_TARGET if name.startswith("SLA") else PAGE_TARGET
        mark = "ok" if ratio <= target else "MISSED"
        extra = f", {queries[name]} queries" if name in queries else ""
        print(f"  {name:<28} {ms:8.1f} ms  {ratio:6.1f} x /health/ (target <= {target:g}){extra}  {mark}")
        if ratio > target:
            failed.append(name)
    print("management bench under gunicorn (5 workers x 3 threads, wrk):")
    for line in under_gunicorn(gov):
        print(line)
    if failed:
        print("management bench: targets missed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
