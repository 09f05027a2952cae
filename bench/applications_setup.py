"""Build the applications benchmark's catalogue: N applications spread over the synthetic
government's agencies, each integrated with up to two others. Run by bench/applications.py."""

import os
import random
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from spbe.applications.models import Application, ApplicationIntegration  # noqa: E402
from spbe.org.models import Agency, Government, Person, RoleAssignment  # noqa: E402

GOVERNMENT = "Pemerintah Kabupaten Sintetis"
USERNAME, PASSWORD = "bench.kominfo", "spbe-bench-2026"


def main(size: int) -> None:
    gov = Government.objects.get(name=GOVERNMENT)
    agencies = list(Agency.objects.filter(government=gov).order_by("pk"))
    User = get_user_model()
    if not User.objects.filter(username=USERNAME).exists():
        user = User.objects.create_user(USERNAME, password=PASSWORD)
        RoleAssignment.objects.create(user=user, role="ict_admin")
        Person.objects.create(agency=agencies[0], name="Admin Kominfo Bench", employment="non_asn", user=user)
    have = Application.objects.filter(agency__government=gov).count()
    if have >= size:
        return
    rng = random.Random(size)
    Application.objects.bulk_create(
        [
            Application(
                agency=agencies[i % len(agencies)],
                name=f"Aplikasi Sintetis {i:05d}",
                purpose="Layanan uji tolok ukur",
                kind="specific",
                source_model=rng.choice(["open", "closed"]),
                licence="Lisensi uji",
                developer_kind="in_house",
                status=rng.choice(["production", "in_development", "planned"]),
                address=f"https://app{i}.sintetiskab.go.id",
            )
            for i in range(have, size)
        ],
        batch_size=1000,
    )
    ids = list(Application.objects.filter(agency__government=gov).values_list("pk", flat=True))
    edges = set()
    for source in ids:
        for target in rng.sample(ids, 2):
            if target != source:
                edges.add((source, target))
    ApplicationIntegration.objects.bulk_create(
        [ApplicationIntegration(source_id=s, target_id=t, method="api") for s, t in edges],
        batch_size=1000,
        ignore_conflicts=True,
    )


if __name__ == "__main__":
    main(int(sys.argv[1]))
