"""Build the compliance benchmark's government: 80 agencies under the largest profile
(Parigi Moutong, 111 obligations), with roles, a coordination team and attestations so that
outcomes vary. Run inside the benchmark's SPBE_VAR_DIR by bench/compliance.py."""

import datetime
import os
import random

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from spbe.compliance import engine  # noqa: E402
from spbe.compliance.models import Attestation, Obligation  # noqa: E402
from spbe.org.models import Agency, CoordinationTeam, Decree, Government, Person, RoleAssignment  # noqa: E402

GOVERNMENT = "Pemerintah Kabupaten Sintetis"
PROFILE = "parigi-moutong-52-2024"
USERNAME, PASSWORD = "bench.kominfo", "spbe-bench-2026"


def main() -> None:
    gov = Government.objects.get(name=GOVERNMENT)
    if gov.regulation == PROFILE:
        return  # built already
    rng = random.Random(80)
    agencies = list(Agency.objects.filter(government=gov, parent__isnull=True).order_by("pk"))
    ict = agencies[0]
    User = get_user_model()
    user = User.objects.create_user(USERNAME, password=PASSWORD)
    RoleAssignment.objects.create(user=user, role="ict_admin")
    Person.objects.create(agency=ict, name="Admin Kominfo Bench", employment="non_asn", user=user)
    helpers = [User(username=f"helpdesk.{a.pk}") for a in agencies if rng.random() < 0.5]
    User.objects.bulk_create(helpers)
    by_name = {u.username: u for u in User.objects.filter(username__startswith="helpdesk.")}
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=by_name[f"helpdesk.{a.pk}"], role="service_desk_tier1", agency=a)
            for a in agencies
            if f"helpdesk.{a.pk}" in by_name
        ]
    )
    decree = Decree.objects.create(
        agency=ict,
        number="188.45/1/2026",
        date=datetime.date(2026, 1, 5),
        title="Tim Koordinasi SPBE",
        classification="open",
    )
    CoordinationTeam.objects.create(government=gov, name="Tim Koordinasi SPBE", decree=decree)
    attestable = list(
        Obligation.objects.filter(regulation__code=PROFILE, subject="each_agency", check_type="attestation")
    )
    until = timezone.localdate() + datetime.timedelta(days=300)
    Attestation.objects.bulk_create(
        [
            Attestation(
                government=gov,
                obligation=o,
                agency=a,
                statement="Terpenuhi (data tolok ukur)",
                status="accepted",
                valid_until=until,
                submitted_by=user,
            )
            for a in agencies
            for o in attestable
            if rng.random() < 0.4
        ],
        batch_size=1000,
    )
    gov.ict_office = ict
    gov.regulation = PROFILE
    gov.save()
    engine.run_full(gov, trigger="bench-setup")


if __name__ == "__main__":
    main()
