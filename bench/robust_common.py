"""Shared set-up of the robustness benchmarks (`import_lock.py`, `concurrency.py`).

`--db sqlite` builds (or reuses) a SQLite file under var/bench/robust/; `--db postgres` uses
BENCH_DATABASE_URL (your own database: the benches create rows in it). Django is set up in this
process so that threads can play several users at once through the full request stack.
"""

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def arguments(description: str, **extra) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--before", action="store_true", help="reproduce the behaviour before the fix, for comparison"
    )
    for name, (kind, default, text) in extra.items():
        parser.add_argument(f"--{name}", type=kind, default=default, help=text)
    return parser.parse_args()


def setup_django(db: str) -> None:
    var = ROOT / "var" / "bench" / "robust"
    var.mkdir(parents=True, exist_ok=True)
    os.environ["SPBE_VAR_DIR"] = str(var)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
    os.environ["SPBE_DEBUG"] = "0"
    os.environ["SPBE_DEMO"] = "1"  # DEBUG off (no query log growing in memory), local settings
    if db == "postgres":
        url = os.environ.get("BENCH_DATABASE_URL")
        if not url:
            sys.exit("--db postgres needs BENCH_DATABASE_URL=postgres://.../<your database>")
        os.environ["DATABASE_URL"] = url
    else:
        os.environ["DATABASE_URL"] = ""
    sys.path.insert(0, str(ROOT / "src"))


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)


def scene(tag: str):
    """A government, one agency and two agency admins (the importer and another user)."""
    from django.contrib.auth import get_user_model

    from spbe.org.choices import AgencyKind, Role
    from spbe.org.models import Agency, Government, RoleAssignment

    government, _ = Government.objects.get_or_create(
        name="Pemerintah Kabupaten Bench", defaults={"region_code": "99.01", "domain": "bench.go.id"}
    )
    agency, _ = Agency.objects.get_or_create(
        government=government,
        short_name=f"B{tag}"[:20],
        defaults={"name": f"Dinas Bench {tag}", "kind": AgencyKind.OFFICE},
    )
    users = []
    for name in ("importer", "other"):
        user, created = get_user_model().objects.get_or_create(username=f"bench.{name}.{tag}")
        if created:
            RoleAssignment.objects.create(user=user, role=Role.AGENCY_ADMIN, agency=agency)
        users.append(user)
    return agency, users


def save_result(name: str, data: dict) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    data = {"at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), **data}
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2))
    print(json.dumps(data, indent=2))
