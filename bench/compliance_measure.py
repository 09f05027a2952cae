"""In-process compliance timings for bench/compliance.py: full runs and single-record changes.
Prints JSON. Timed in this process because these are library calls, not pages."""

import json
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from compliance_setup import GOVERNMENT  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from spbe.compliance import engine  # noqa: E402
from spbe.compliance.models import ComplianceStatus  # noqa: E402
from spbe.org.models import Agency, Government, RoleAssignment  # noqa: E402


def main(runs: int, changes: int) -> None:
    gov = Government.objects.select_related("ict_office").get(name=GOVERNMENT)
    full = []
    evaluations = 0
    for _ in range(runs):
        started = time.perf_counter()
        run = engine.run_full(gov, trigger="bench")
        full.append((time.perf_counter() - started) * 1000)
        evaluations = run.evaluations
    # A single record change: grant a help-desk role in an agency without one, commit, and wait for
    # the re-evaluation that runs on commit; then end the role again (a second change).
    agency = (
        Agency.objects.filter(government=gov, parent__isnull=True)
        .exclude(roleassignment__role="service_desk_tier1")
        .first()
    )
    user, _created = get_user_model().objects.get_or_create(username="bench.change")
    RoleAssignment.objects.filter(user=user).delete()  # a rerun starts from the same state
    single = []
    for i in range(changes):
        started = time.perf_counter()
        with transaction.atomic():
            if i % 2 == 0:
                RoleAssignment.objects.create(user=user, role="service_desk_tier1", agency=agency)
            else:
                RoleAssignment.objects.filter(user=user).delete()
        single.append((time.perf_counter() - started) * 1000)
        status = ComplianceStatus.objects.get(
            government=gov,
            subject_key=f"agency:{agency.pk}",
            obligation__check_type="role_in_each_agency",
            obligation__params__role="service_desk_tier1",
        ).status
        expected = "met" if i % 2 == 0 else "unmet"
        if status != expected:
            raise SystemExit(
                f"change {i}: status {status}, expected {expected}: re-evaluation did not happen"
            )
    print(
        json.dumps(
            {
                "agencies": Agency.objects.filter(government=gov, parent__isnull=True).count(),
                "evaluations": evaluations,
                "full_run_ms": {"median": statistics.median(full), "max": max(full), "samples": full},
                "single_change_ms": {
                    "median": statistics.median(single),
                    "max": max(single),
                    "samples": single,
                },
                "at": timezone.now().isoformat(),
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
