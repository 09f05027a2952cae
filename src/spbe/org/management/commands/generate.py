import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from spbe.core import versions
from spbe.org.apps import AGENCY_CHOICES_VERSION
from spbe.org.choices import AgencyKind
from spbe.org.demo import person_fields
from spbe.org.models import Agency, Government, Person
from spbe.org.policy import GRANTS_VERSION


class Command(BaseCommand):
    help = "Membangun data sintetis berskala besar untuk tolok ukur (audit tetap tercatat)."

    def add_arguments(self, parser):
        parser.add_argument("--agencies", type=int, default=80)
        parser.add_argument("--people", type=int, default=20000)
        parser.add_argument("--government", default="Pemerintah Kabupaten Sintetis")
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, agencies, people, government, seed, **options):
        if agencies < 1 or people < 0:
            raise CommandError("--agencies minimal 1 dan --people tidak boleh negatif.")
        rng = random.Random(seed)
        started = time.monotonic()
        with transaction.atomic():
            gov, _ = Government.objects.get_or_create(
                name=government, defaults={"region_code": "99.01", "domain": "sintetiskab.go.id"}
            )
            existing = Agency.objects.filter(government=gov).count()
            new_agencies = [
                Agency(
                    government=gov,
                    name=f"Perangkat Daerah Sintetis {i:03d}",
                    short_name=f"PDS{i:03d}",
                    kind=rng.choice([AgencyKind.OFFICE, AgencyKind.BOARD, AgencyKind.DISTRICT]),
                )
                for i in range(existing + 1, agencies + 1)
            ]
            Agency.objects.bulk_create(new_agencies, batch_size=1000)
            if new_agencies:  # bulk_create sends no signals: retire what was kept (core/versions.py)
                versions.bump(AGENCY_CHOICES_VERSION)
                versions.bump(GRANTS_VERSION)
            agency_ids = list(Agency.objects.filter(government=gov).values_list("id", flat=True))
            have = Person.objects.filter(agency_id__in=agency_ids).count()
            base = Person.objects.count() + 1
            used = set(Person.objects.exclude(nip=None).values_list("nip", flat=True))
            batch = []
            for i in range(max(0, people - have)):
                fields = person_fields(rng, base + i, rng.choice(agency_ids))
                while fields["nip"] is not None and fields["nip"] in used:
                    fields = person_fields(rng, base + i, fields["agency_id"])
                if fields["nip"]:
                    used.add(fields["nip"])
                batch.append(Person(**fields))
                if len(batch) == 5000:
                    self._flush(batch)
            self._flush(batch)
        total = Person.objects.filter(agency_id__in=agency_ids).count()
        self.stdout.write(
            f"{len(agency_ids)} perangkat daerah, {total} pegawai di {gov.name} "
            f"({time.monotonic() - started:.1f} s)"
        )

    @staticmethod
    def _flush(batch):
        Person.objects.bulk_create(batch, batch_size=1000, ignore_conflicts=False)
        batch.clear()
