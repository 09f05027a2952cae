"""Demo Satu Data catalog for the demo regency (Parigi Moutong): 150+ datasets across agencies and
database groups, most published as open data, some LIMITED or CLOSED, some stale, some without
metadata, some still on the yearly data list; one dataset waiting for the steward, one returned
with a reason; a few sharing agreements and one request refused with a reason.

Idempotent: a second run finds the datasets and leaves them.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from spbe.core.choices import Classification
from spbe.org.choices import DecreeKind, Role
from spbe.org.demo import DEMO_PASSWORD
from spbe.org.models import Agency, Decree, Government, RoleAssignment

from . import metadata, services
from .choices import DatasetStage, KeyType, Licence, ResourceFormat, SharePartyKind, UpdateFrequency
from .models import Dataset, Resource, Tag, unique_name

D = "parigimoutongkab.go.id"

# (agency, database group, [(title, tags, frequency)])
CATALOG = [
    (
        "Dinkes",
        "basis data kesehatan",
        [
            ("Jumlah puskesmas", "kesehatan,fasilitas", "yearly"),
            ("Angka kematian ibu", "kesehatan,ibu", "yearly"),
            ("Cakupan imunisasi dasar lengkap", "kesehatan,anak", "monthly"),
            ("Prevalensi stunting balita", "kesehatan,stunting", "semiannual"),
            ("Jumlah tenaga kesehatan", "kesehatan,pegawai", "yearly"),
            ("Kasus demam berdarah", "kesehatan,penyakit", "monthly"),
        ],
    ),
    (
        "Disdukcapil",
        "basis data kependudukan",
        [
            ("Jumlah penduduk per desa", "penduduk", "semiannual"),
            ("Kepemilikan KTP elektronik", "penduduk,ktp", "monthly"),
            ("Akta kelahiran terbit", "penduduk,akta", "monthly"),
            ("Penduduk menurut kelompok umur", "penduduk,umur", "semiannual"),
        ],
    ),
    (
        "Disdikbud",
        "basis data pendidikan",
        [
            ("Jumlah sekolah dasar", "pendidikan,sekolah", "yearly"),
            ("Angka partisipasi murni", "pendidikan", "yearly"),
            ("Jumlah guru bersertifikat", "pendidikan,guru", "yearly"),
            ("Cagar budaya terdaftar", "budaya", "yearly"),
        ],
    ),
    (
        "DPUPR",
        "basis data prasarana",
        [
            ("Panjang jalan kabupaten menurut kondisi", "jalan,infrastruktur", "yearly"),
            ("Jembatan kabupaten", "jembatan,infrastruktur", "yearly"),
            ("Jaringan irigasi", "irigasi", "yearly"),
        ],
    ),
    (
        "BKPSDM",
        "basis data kepegawaian",
        [
            ("Jumlah ASN menurut golongan", "pegawai,asn", "semiannual"),
            ("ASN menurut pendidikan", "pegawai,asn", "yearly"),
        ],
    ),
    (
        "BPKAD",
        "basis data keuangan",
        [
            ("Realisasi APBD", "keuangan,apbd", "quarterly"),
            ("Aset tetap daerah", "keuangan,aset", "yearly"),
        ],
    ),
    ("Bapenda", "basis data keuangan", [("Realisasi pajak daerah", "pajak,keuangan", "monthly")]),
    (
        "Distan",
        "basis data pertanian",
        [
            ("Produksi padi", "pertanian,padi", "yearly"),
            ("Luas panen jagung", "pertanian,jagung", "yearly"),
            ("Produksi kakao", "perkebunan,kakao", "yearly"),
        ],
    ),
    (
        "DKP",
        "basis data perikanan dan peternakan",
        [
            ("Produksi perikanan tangkap", "perikanan", "yearly"),
            ("Rumah tangga nelayan", "perikanan,nelayan", "yearly"),
        ],
    ),
    ("Dishub", "basis data transportasi", [("Trayek angkutan umum", "transportasi", "yearly")]),
    (
        "Dispar",
        "basis data pariwisata dan perhotelan",
        [
            ("Kunjungan wisatawan", "pariwisata", "monthly"),
            ("Hotel dan penginapan", "pariwisata,hotel", "yearly"),
        ],
    ),
    ("Disperindag", "basis data perdagangan", [("Harga bahan pokok", "harga,pasar", "monthly")]),
    ("Disnaker", "basis data ketenagakerjaan", [("Pencari kerja terdaftar", "tenaga kerja", "quarterly")]),
    (
        "Dinsos",
        "basis data kemasyarakatan",
        [
            ("Penerima bantuan sosial", "sosial,bansos", "quarterly"),
            ("Penyandang disabilitas", "sosial", "yearly"),
        ],
    ),
    (
        "Bappeda",
        "basis data pembangunan daerah",
        [
            ("Indikator kinerja daerah", "pembangunan,kinerja", "yearly"),
            ("Indeks pembangunan manusia", "pembangunan,ipm", "yearly"),
        ],
    ),
    ("Bag. Hukum", "basis data legislasi", [("Produk hukum daerah", "hukum,perda", "monthly")]),
    (
        "Diskominfo",
        "basis data pelayanan",
        [
            ("Titik akses internet publik", "internet,tik", "yearly"),
            ("Aplikasi pelayanan publik", "tik,aplikasi", "yearly"),
        ],
    ),
    ("BPBD", "basis data kewilayahan", [("Kejadian bencana", "bencana", "monthly")]),
    ("Setda", "basis data pemerintahan", [("Desa dan kelurahan", "wilayah,desa", "yearly")]),
]
YEARS = (2022, 2023, 2024, 2025)
CLOSED_TITLES = {"Penerima bantuan sosial", "Penyandang disabilitas", "Kasus demam berdarah"}
LIMITED_TITLES = {
    "Jumlah ASN menurut golongan",
    "ASN menurut pendidikan",
    "Aset tetap daerah",
    "Rumah tangga nelayan",
}
CSV = "kecamatan,tahun,nilai\nParigi,{y},{a}\nParigi Selatan,{y},{b}\nTinombo,{y},{c}\nMoutong,{y},{d}\n"


def _metadata(title: str, year: int) -> dict:
    values = {
        "keg.judul_kegiatan": f"Pengumpulan data {title.lower()}",
        "keg.tahun": year,
        "keg.cara_pengumpulan": "kompilasi produk administrasi",
        "keg.penanggung_jawab": "Kepala Bidang",
        "keg.tujuan": f"Menyediakan data {title.lower()} untuk perencanaan daerah.",
        "keg.cakupan_wilayah": "Kabupaten Parigi Moutong",
        "var.nama_variabel": title,
        "var.definisi": f"{title} pada tahun {year}.",
        "var.satuan": "unit",
    }
    known = {f.key for f in metadata.fields()}
    return {k: v for k, v in values.items() if k in known}


def _users():
    User = get_user_model()
    steward, created = User.objects.get_or_create(
        username="walidata", defaults={"first_name": "Walidata Daerah"}
    )
    if created:
        steward.set_password(DEMO_PASSWORD)
        steward.save()
        RoleAssignment.objects.create(user=steward, role=Role.DATA_STEWARD, agency=None)
    return steward


@transaction.atomic
def build(stdout=None):
    gov = Government.objects.filter(domain=D).first()
    if gov is None:
        return
    if Dataset.objects.filter(agency__government=gov).exists():
        if stdout:
            stdout.write("  dataset demo sudah ada: dipakai ulang")
        return
    rng = random.Random(11)
    steward = _users()
    User = get_user_model()
    admin = User.objects.get(username="admin")
    agencies = {a.short_name: a for a in Agency.objects.filter(government=gov)}
    kominfo = agencies["Diskominfo"]
    decree = Decree.objects.create(
        agency=kominfo,
        kind=DecreeKind.REGENT,
        number="500/117/DISKOMINFO/2025",
        date=datetime.date(2025, 2, 3),
        title="Penetapan Walidata dan Walidata Pendukung Satu Data Kabupaten",
        classification=Classification.OPEN,
    )
    today = timezone.localdate()
    tags: dict[str, Tag] = {}
    rows = []
    for short, group, items in CATALOG:
        agency = agencies.get(short)
        if agency is None:
            continue
        for title, tag_text, frequency in items:
            for year in YEARS:
                n = len(rows)
                full = f"{title} {year}"
                stale = n % 6 == 0
                planned = year == YEARS[-1] and n % 4 == 0
                days = {"monthly": 20, "quarterly": 60, "semiannual": 120, "yearly": 200, "daily": 1}
                last = (
                    None
                    if planned
                    else today - datetime.timedelta(days=days[frequency] * (4 if stale else 1))
                )
                classification = (
                    Classification.CLOSED
                    if title in CLOSED_TITLES
                    else Classification.LIMITED
                    if title in LIMITED_TITLES
                    else Classification.OPEN
                )
                dataset = Dataset(
                    agency=agency,
                    title=full,
                    name=unique_name(full),
                    description=""
                    if n % 9 == 0
                    else f"{title} di Kabupaten Parigi Moutong tahun {year}, menurut kecamatan.",
                    database_group=group,
                    steward=steward if n % 7 else None,
                    steward_decree=decree if n % 5 else None,
                    frequency=frequency,
                    last_update=last,
                    key_type=KeyType.NIP if group == "basis data kepegawaian" else KeyType.NONE,
                    key_column="nip" if group == "basis data kepegawaian" else "",
                    licence=Licence.CC_BY,
                    plan_year=year,
                    stage=DatasetStage.PLANNED if planned else DatasetStage.PUBLISHED,
                    classification=classification,
                    classified_at=None if planned or n % 8 == 0 else timezone.now(),
                    published_at=None if planned else timezone.now(),
                    metadata={} if n % 5 == 0 else _metadata(title, year),
                    created_by=admin,
                )
                dataset.search_document = " ".join([full, dataset.description, dataset.name, group])
                rows.append((dataset, tag_text.split(",")))
    Dataset.objects.bulk_create([d for d, _t in rows])
    links = []
    for dataset, names in rows:
        for name in names:
            tag = tags.get(name) or tags.setdefault(name, Tag.objects.get_or_create(name=name.strip())[0])
            links.append(Tag.datasets.through(dataset_id=dataset.pk, tag_id=tag.pk))
    Tag.datasets.through.objects.bulk_create(links)
    created = Dataset.objects.filter(agency__government=gov)
    resources = 0
    for dataset in created.exclude(stage=DatasetStage.PLANNED).order_by("pk"):
        year = dataset.plan_year or 2025
        content = CSV.format(y=year, **{k: rng.randint(10, 900) for k in "abcd"}).encode()
        resource = Resource(dataset=dataset, name="Tabel utama", format=ResourceFormat.CSV, created_by=admin)
        resource.file.save(f"{dataset.name}.csv", ContentFile(content), save=False)
        services.resource_prepare(resource, dataset)
        resource.save()
        resources += 1
        if dataset.pk % 5 == 0:
            Resource.objects.create(
                dataset=dataset,
                name="Layanan API",
                format=ResourceFormat.API,
                url=f"https://data.{D}/api/{dataset.name}",
                created_by=admin,
            )
            resources += 1
    _workflows(gov, agencies, admin)
    if stdout:
        stdout.write(f"  {created.count()} dataset, {resources} sumber data, {len(tags)} tag")


def _workflows(gov, agencies, admin):
    """One dataset waiting for the steward, one returned with a reason, agreements and a refusal."""
    User = get_user_model()
    producer = User.objects.get(username="admin.dinkes")
    steward = User.objects.get(username="walidata.dinkes")
    requester = User.objects.get(username="admin.disdukcapil")
    dinkes, dukcapil = agencies["Dinkes"], agencies["Disdukcapil"]
    waiting = Dataset.objects.create(
        agency=dinkes,
        title="Ibu hamil risiko tinggi 2026",
        description="Ibu hamil dengan risiko tinggi per puskesmas.",
        database_group="basis data kesehatan",
        frequency=UpdateFrequency.MONTHLY,
        plan_year=2026,
    )
    services.resource_add(
        dataset=waiting,
        user=producer,
        name="Tabel",
        file_format=ResourceFormat.CSV,
        file=ContentFile(b"puskesmas,jumlah\nParigi,12\nToboli,7\n", name="bumil.csv"),
    )
    services.dataset_submit(dataset=waiting, user=producer, note="Data triwulan I.")
    returned = Dataset.objects.create(
        agency=dinkes,
        title="Gizi buruk balita 2026",
        description="Balita gizi buruk.",
        database_group="basis data kesehatan",
        frequency=UpdateFrequency.MONTHLY,
        plan_year=2026,
    )
    services.resource_add(
        dataset=returned,
        user=producer,
        name="Tabel",
        file_format=ResourceFormat.CSV,
        file=ContentFile(b"desa,jumlah,kosong\nToboli,3,\nToboli,3,\n", name="gizi.csv"),
    )
    services.dataset_submit(dataset=returned, user=producer)
    services.dataset_return(
        dataset=returned,
        user=steward,
        field="resources",
        reason="Baris desa Toboli tercatat dua kali dan kolom 'kosong' tidak berisi; unggah ulang tabelnya.",
    )
    open_limited = Dataset.objects.filter(
        agency=dinkes, classification=Classification.OPEN, stage=DatasetStage.PUBLISHED
    )
    shared = list(open_limited.order_by("pk")[:3])
    # LIMITED datasets of Dinkes shared with Disdukcapil: two of the open ones are inventoried as
    # LIMITED. Seeded like the rest of the catalog (a classification, no decision yet: the policy
    # comes with the security demo, whose decisions follow what is seeded here); every later change
    # is a classification decision.
    Dataset.objects.filter(pk__in=[d.pk for d in shared[:2]]).update(classification=Classification.LIMITED)
    for dataset in shared[:2]:
        dataset.refresh_from_db()
    for dataset in shared[:2]:
        share = services.share_request_create(
            user=requester,
            dataset=dataset,
            agency=dukcapil,
            purpose="Pemadanan data kesehatan dengan data kependudukan untuk sasaran imunisasi.",
            scope="Seluruh kolom, tingkat desa.",
            valid_from=datetime.date(2026, 1, 1),
            valid_until=datetime.date(2026, 12, 31),
        )
        services.share_decide(share=share, user=steward, approve=True, reason="Sesuai SOP berbagi data.")
    refused = services.share_request_create(
        user=requester,
        dataset=shared[2],
        agency=dukcapil,
        party_kind=SharePartyKind.THIRD_PARTY,
        party_name="PT Asuransi Sehat Sentosa",
        purpose="Penawaran produk asuransi kepada warga.",
        scope="Nama dan alamat pasien.",
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 6, 30),
    )
    services.share_decide(
        share=refused,
        user=steward,
        approve=False,
        reason="Tujuan komersial; data pasien dikecualikan dan tidak dibagipakaikan kepada pihak ketiga.",
    )
    _link_applications(gov, shared[0], dukcapil)


def _link_applications(gov, shared, user_agency) -> None:
    """Each collected dataset is produced by its agency's first application (so the compliance run
    can tell where it is stored from the servers that application runs on); Disdukcapil's
    application uses a dataset it holds an agreement for, and one LIMITED dataset is used by another
    agency's application with no agreement at all (an unhappy case for the sharing check)."""
    application_model = Dataset.applications.rel.model
    first_app: dict[int, int] = {}
    for app_id, agency_id in (
        application_model.objects.filter(agency__government=gov)
        .order_by("name", "pk")
        .values_list("pk", "agency_id")
    ):
        first_app.setdefault(agency_id, app_id)
    collected = Dataset.objects.filter(agency__government=gov).exclude(stage=DatasetStage.PLANNED)
    links = [
        Dataset.applications.through(dataset_id=pk, application_id=first_app[agency_id])
        for pk, agency_id in collected.values_list("pk", "agency_id")
        if agency_id in first_app
    ]
    if user_agency.pk in first_app:
        links.append(
            Dataset.applications.through(dataset_id=shared.pk, application_id=first_app[user_agency.pk])
        )
    unshared = (
        collected.filter(classification=Classification.LIMITED)
        .exclude(agency=user_agency)
        .exclude(share_requests__isnull=False)
        .order_by("pk")
        .first()
    )
    other = next(
        (app for agency, app in first_app.items() if unshared and agency != unshared.agency_id), None
    )
    if unshared is not None and other is not None:
        links.append(Dataset.applications.through(dataset_id=unshared.pk, application_id=other))
    Dataset.applications.through.objects.bulk_create(links, ignore_conflicts=True)
