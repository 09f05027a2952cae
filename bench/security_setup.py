"""Build the security benchmark's province: a synthetic province government with 60 agencies,
N people on electronic-transaction duties each holding a certificate, and N/2 incidents with a
timeline line each. Run by bench/security.py against PostgreSQL; reused when already built."""

import datetime
import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from spbe.org.models import Agency, Government, Person, RoleAssignment  # noqa: E402
from spbe.security.models import (  # noqa: E402
    CertificateDuty,
    ElectronicCertificate,
    Incident,
    IncidentEvent,
)

GOVERNMENT = "Pemerintah Provinsi Sintetis Keamanan"
USERNAME, PASSWORD = "bench.security", "spbe-bench-2026"
AGENCIES = 60


def _government():
    gov, _ = Government.objects.get_or_create(
        name=GOVERNMENT,
        defaults={"region_code": "99", "domain": "sintetiskeamanan.go.id", "kind": "provinsi"},
    )
    have = Agency.objects.filter(government=gov).count()
    Agency._base_manager.bulk_create(
        [
            Agency(government=gov, name=f"Dinas Sintetis {i:03d}", short_name=f"DS{i:03d}", kind="dinas")
            for i in range(have, AGENCIES)
        ]
    )
    agencies = list(Agency.objects.filter(government=gov).order_by("pk"))
    User = get_user_model()
    if not User.objects.filter(username=USERNAME).exists():
        user = User.objects.create_user(USERNAME, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role="ict_admin")
        Person.objects.create(agency=agencies[0], name="Admin Kominfo Bench", employment="non_asn", user=user)
    return gov, agencies


def _people(gov, agencies, size, rng):
    have = CertificateDuty._base_manager.filter(person__agency__government=gov).count()
    if have >= size:
        return
    people = Person._base_manager.bulk_create(
        [
            Person(agency=agencies[i % len(agencies)], name=f"Petugas Sintetis {i:06d}", employment="non_asn")
            for i in range(have, size)
        ],
        batch_size=2000,
    )
    today = timezone.localdate()
    CertificateDuty._base_manager.bulk_create(
        [
            CertificateDuty(person=p, duty=rng.choice(["Penandatangan naskah dinas", "Bendahara"]))
            for p in people
        ],
        batch_size=2000,
    )
    ElectronicCertificate._base_manager.bulk_create(
        [
            ElectronicCertificate(
                holder=p,
                serial=f"SINT-{p.pk:08d}",
                valid_from=today - datetime.timedelta(days=rng.randint(10, 700)),
                valid_until=today + datetime.timedelta(days=rng.randint(-60, 700)),
            )
            for p in people
        ],
        batch_size=2000,
    )


def _incidents(gov, agencies, size, rng):
    have = Incident._base_manager.filter(agency__government=gov).count()
    if have >= size:
        return
    now = timezone.now()
    rows = []
    for i in range(have, size):
        detected = now - datetime.timedelta(hours=rng.randint(1, 24 * 700))
        rows.append(
            Incident(
                agency=agencies[i % len(agencies)],
                title=f"Insiden sintetis {i:06d}",
                kind=rng.choice(["failure", "attack"]),
                occurred_at=detected - datetime.timedelta(hours=1),
                detected_at=detected,
                reported_at=detected + datetime.timedelta(hours=rng.randint(0, 72)),
                description="Gangguan uji tolok ukur.",
                severity=rng.choice(["low", "medium", "high", "serious"]),
                status=rng.choice(["reported", "triaged", "contained", "recovered", "closed"]),
            )
        )
    created = Incident._base_manager.bulk_create(rows, batch_size=2000)
    IncidentEvent._base_manager.bulk_create(
        [IncidentEvent(incident=i, at=i.reported_at, note="Laporan diterima.") for i in created],
        batch_size=2000,
    )


def main(size: int) -> None:
    rng = random.Random(size)
    gov, agencies = _government()
    _people(gov, agencies, size, rng)
    _incidents(gov, agencies, size // 2, rng)


if __name__ == "__main__":
    main(int(sys.argv[1]))
