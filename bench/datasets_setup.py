"""Fill a benchmark database with the open-data catalog at province scale: 20,000 datasets and
60,000 resources over the generated government's agencies (bench/datasets.py runs this)."""

import os
import random
import sys
import uuid

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")
django.setup()

from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from spbe.datasets.models import Dataset, Resource, Tag  # noqa: E402
from spbe.org.models import Agency  # noqa: E402

WORDS = (
    "penduduk jalan sekolah puskesmas padi jagung kakao ikan pajak retribusi bencana desa kecamatan "
    "guru murid pasien imunisasi stunting irigasi jembatan pasar harga hotel wisata nelayan ternak "
    "kemiskinan bansos anggaran realisasi aset pegawai air listrik sampah hutan tambang koperasi umkm"
).split()
GROUPS = [
    "basis data pelayanan",
    "basis data keuangan",
    "basis data kepegawaian",
    "basis data kependudukan",
    "basis data kesehatan",
    "basis data pendidikan",
    "basis data pertanian",
    "basis data prasarana",
    "basis data pariwisata dan perhotelan",
    "basis data kewilayahan",
]
FORMATS = ("CSV", "XLSX", "JSON", "PDF", "GeoJSON", "API")


def main(datasets: int, resources_each: int) -> None:
    if Dataset._base_manager.count() >= datasets:
        print(f"reusing {Dataset._base_manager.count()} datasets")
        return
    rng = random.Random(2026)
    agencies = list(Agency._base_manager.values_list("pk", flat=True))
    now, today = timezone.now(), timezone.localdate()
    with transaction.atomic():
        tags = Tag._base_manager.bulk_create([Tag(name=w) for w in WORDS], ignore_conflicts=True)
        tags = list(Tag._base_manager.all())
        batch = []
        for n in range(datasets):
            words = rng.sample(WORDS, 3)
            title = f"{words[0].capitalize()} {words[1]} {words[2]} {n}"
            description = " ".join(rng.choice(WORDS) for _ in range(25))
            group = rng.choice(GROUPS)
            name = f"data-{n}-{words[0]}-{words[1]}"
            classification = "open" if n % 10 < 8 else ("limited" if n % 10 == 8 else "closed")
            batch.append(
                Dataset(
                    agency_id=rng.choice(agencies),
                    uuid=uuid.uuid4(),
                    name=name,
                    title=title,
                    description=description,
                    database_group=group,
                    frequency="yearly",
                    last_update=today,
                    licence="cc-by-4.0",
                    stage="published",
                    classification=classification,
                    published_at=now,
                    classified_at=now,
                    metadata={"keg.tahun": 2025},
                    search_document=" ".join([title, description, name, group]),
                )
            )
        Dataset._base_manager.bulk_create(batch, batch_size=2000)
        ids = list(Dataset._base_manager.values_list("pk", flat=True))
        links = [
            Tag.datasets.through(dataset_id=pk, tag_id=tag.pk) for pk in ids for tag in rng.sample(tags, 2)
        ]
        Tag.datasets.through._default_manager.bulk_create(links, batch_size=5000)
        rows = []
        for pk in ids:
            for i in range(resources_each):
                fmt = FORMATS[(pk + i) % len(FORMATS)]
                rows.append(
                    Resource(
                        dataset_id=pk,
                        uuid=uuid.uuid4(),
                        name=f"Tabel {i + 1}",
                        format=fmt,
                        file="" if fmt == "API" else f"datasets/bench/{pk}-{i}.{fmt.lower()}",
                        url="https://data.example.go.id/api" if fmt == "API" else "",
                        sha256="0" * 64,
                        size=1000 + i,
                        row_count=10,
                    )
                )
        Resource._base_manager.bulk_create(rows, batch_size=5000)
    print(f"{len(ids)} datasets, {len(rows)} resources")


if __name__ == "__main__":
    main(int(sys.argv[1]), int(sys.argv[2]))
