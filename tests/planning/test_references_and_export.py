"""The national reference codes shipped as data, and the architecture exported for the SIA SPBE portal."""

import io

import openpyxl

from spbe.core.models import AuditEvent
from spbe.planning import references, sia
from spbe.planning.choices import ArchitectureDomain
from spbe.planning.models import ReferenceModel

from .factories import ArchitectureFactory, ArchitectureItemFactory, national

SHIPPED = {
    # kind: (level 1, level 2) as loaded by migrate
    "RAB": (9, 45),  # the national reference counts 46; the verified source lists 45
    "RAD": (10, 49),  # one data theme per RAB urusan, plus four
    "RAL": (2, 13),  # 54 nationally; only the verified areas are shipped
    "RAA": (2, 4),
    "RAI": (3, 7),
    "RAK": (3, 9),
}


def test_national_levels_are_loaded_by_migrate_with_consistent_parents(db):
    national_codes = ReferenceModel.objects.filter(government__isnull=True).select_related("parent")
    for kind, (level_1, level_2) in SHIPPED.items():
        assert national_codes.filter(kind=kind, level=1).count() == level_1, kind
        assert national_codes.filter(kind=kind, level=2).count() == level_2, kind
    for code in national_codes:
        if code.level == 1:
            assert code.parent is None, code
        else:
            assert code.parent.kind == code.kind and code.parent.level == 1, code
            assert code.code.startswith(code.parent.code + "."), code
    assert str(national("RAB", "09.04")) == "RAB.09.04 Komunikasi"
    assert national("RAD", "04.01").name == "Data Kesehatan"
    assert national("RAD", "10.02").name == "Data Manajemen Kegiatan"
    assert national("RAA", "02.02").name == "Aplikasi Khusus Fungsi Tertentu"


def test_the_declared_national_totals_match_what_the_file_lists_or_say_what_is_missing(db):
    info = references.kind_info()
    for kind, (level_1, level_2) in SHIPPED.items():
        assert info[kind].expected[1] == level_1
        assert info[kind].expected[2] >= level_2
    assert info["RAL"].expected[2] == 54 and info["RAB"].official_codes and not info["RAL"].official_codes


def test_sync_is_idempotent_and_repairs_a_renamed_code(db):
    events = AuditEvent.objects.count()
    assert references.sync_national() == {"created": 0, "updated": 0}
    assert AuditEvent.objects.count() == events  # nothing written when nothing changed
    ReferenceModel.objects.filter(government__isnull=True, kind="RAB", code="04.01").update(
        name="Kesehatan X"
    )
    assert references.sync_national() == {"created": 0, "updated": 1}
    assert national("RAB", "04.01").name == "Kesehatan"


def test_reference_page_shows_counts_and_the_crosswalk(client_a):
    page = client_a.get("/planning/references/overview/").content.decode()
    assert "13 / 54" in page and "41 belum dimuat" in page and "45 / 46" in page
    assert "Pemberdayaan Masyarakat dan Desa" in page and "09.01 Dalam Negeri" in page
    assert len(references.crosswalk()) == 32


def test_sia_export_has_one_sheet_per_domain_with_the_portal_fields(client_a, gov, agency_a):
    architecture = ArchitectureFactory(government=gov, title="Arsitektur Uji")
    parent = ArchitectureItemFactory(
        architecture=architecture, code="PB.09.04.01", name="Penyelenggaraan SPBE", agency=agency_a
    )
    ArchitectureItemFactory(
        architecture=architecture, code="PB.09.04.01.01", name="Pengelolaan domain", parent=parent, level=4
    )
    ArchitectureItemFactory(
        architecture=architecture,
        domain=ArchitectureDomain.DATA,
        code="DA.04.01.01",
        name="Data puskesmas",
        reference=national("RAD", "04.01"),
        agency=agency_a,
        sia_fields={"Sifat Data": "Terbatas", "Interoperabilitas": "SATUSEHAT"},
    )
    response = client_a.get(f"/planning/architectures/{architecture.pk}/sia.xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == [
        "Proses Bisnis",
        "Data dan Informasi",
        "Infrastruktur",
        "Aplikasi",
        "Keamanan",
        "Layanan",
    ]
    data = [list(row) for row in workbook["Data dan Informasi"].iter_rows(values_only=True)]
    assert data[0][:11] == [
        "ID",
        "Nama",
        "Uraian",
        "Tujuan",
        "Sifat Data",
        "Jenis Data",
        "Validitas Data",
        "Produsen Data",
        "Wali Data",
        "Informasi Terkait",
        "Interoperabilitas",
    ]
    assert "RAD Level 4" in data[0] and "RAD Level 7" in data[0]
    row = dict(zip(data[0], data[1], strict=True))
    assert (row["ID"], row["Sifat Data"], row["Wali Data"]) == ("DA.04.01.01", "Terbatas", "Dinas A")
    assert (row["RAD Level 1"], row["RAD Level 2"]) == (
        "04 Data Perlindungan Sosial dan Kesehatan",
        "04.01 Data Kesehatan",
    )
    assert row["RAD Level 3"] == "DA.04.01.01 Data puskesmas"
    business = [list(r) for r in workbook["Proses Bisnis"].iter_rows(values_only=True)]
    child = dict(zip(business[0], business[2], strict=True))
    assert child["RAB Level 2"] == "09.04 Komunikasi"
    assert child["RAB Level 3"] == "PB.09.04.01 Penyelenggaraan SPBE"
    assert child["RAB Level 4"] == "PB.09.04.01.01 Pengelolaan domain"
    infra = [list(r) for r in workbook["Infrastruktur"].iter_rows(values_only=True)]
    assert infra[0][:3] == ["ID", "Nama", sia.OBJECT] and "Klasifikasi Tier" in infra[0]
    assert AuditEvent.objects.filter(code="planning.architecture.exported").exists()
