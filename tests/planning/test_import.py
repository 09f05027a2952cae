"""Budget lines arrive as the spreadsheets agencies keep: a dry run checks every row, and one bad
row means nothing is imported."""

import csv
import io

from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob
from spbe.planning.models import BudgetLine

from .factories import RoadmapFactory, RoadmapItemFactory


def upload(client, rows, header):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    file = io.BytesIO(buffer.getvalue().encode())
    file.name = "anggaran.csv"
    response = client.post("/planning/budget-lines/import/", {"file": file})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


HEADER = ["No", "PD", "Tahun", "Uraian", "Peruntukan", "Sumber dana", "Pagu", "Realisasi", "Kegiatan"]


def test_dry_run_with_one_invalid_row_imports_nothing(client_a, gov, agency_a):
    roadmap = RoadmapFactory(government=gov)
    RoadmapItemFactory(roadmap=roadmap, agency=agency_a, activity="Aplikasi layanan puskesmas", year=2026)
    rows = [
        [
            1,
            "DA",
            2026,
            "Server aplikasi",
            "devices",
            "APBD Kabupaten/Kota",
            150000000,
            0,
            "Aplikasi layanan puskesmas",
        ],
        [2, "DA", 2026, "Pelatihan operator", "Pengembangan SDM aparatur", "apbd", 25000000, 30000000, ""],
        [3, "DA", 2026, "Lisensi basis data", "devices", "apbn", 80000000, 10000000, ""],
    ]
    job = upload(client_a, rows, HEADER)
    assert job.status == ImportStatus.INVALID
    assert (job.total_rows, job.error_count) == (3, 1)
    results = {r[0]: r for r in job.results}
    assert results[2][1] and results[4][1]
    assert results[3][3] == [{"column": "Realisasi", "message": "Realisasi melebihi pagu."}]
    assert BudgetLine.objects.count() == 0
    page = client_a.get(f"/planning/budget-lines/import/{job.pk}/").content.decode()
    assert "tidak ada data yang disimpan" in page and "Realisasi melebihi pagu" in page
    client_a.post(f"/planning/budget-lines/import/{job.pk}/")  # an invalid import cannot be applied
    assert BudgetLine.objects.count() == 0


def test_valid_file_is_checked_then_applied_with_roadmap_activity_by_name(client_a, gov, agency_a):
    roadmap = RoadmapFactory(government=gov)
    item = RoadmapItemFactory(
        roadmap=roadmap, agency=agency_a, activity="Aplikasi layanan puskesmas", year=2026
    )
    rows = [
        [1, "DA", 2026, "Server aplikasi", "devices", "apbd", 150000000, 0, "aplikasi layanan puskesmas"],
        [2, "DA", 2026, "Pelatihan operator", "people", "hibah", 25000000, 20000000, ""],
    ]
    job = upload(client_a, rows, HEADER)
    assert job.status == ImportStatus.VALIDATED, job.results
    assert BudgetLine.objects.count() == 0
    client_a.post(f"/planning/budget-lines/import/{job.pk}/")
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    server = BudgetLine.objects.get(title="Server aplikasi")
    assert server.roadmap_item == item and server.agency == agency_a
    assert BudgetLine.objects.get(title="Pelatihan operator").funding_source == "hibah"


def test_rows_for_another_agency_are_refused(client_a, agency_b):
    job = upload(client_a, [[1, "DB", 2026, "Titipan", "devices", "apbd", 1000, 0, ""]], HEADER)
    assert job.status == ImportStatus.INVALID
    assert job.results[0][3][0]["column"] == "PD"
    assert BudgetLine.objects.count() == 0


def test_architecture_items_import_with_reference_codes_as_written(client, gov, ict_admin, agency_a):
    from spbe.planning.models import ArchitectureItem

    from .factories import ArchitectureFactory

    ArchitectureFactory(government=gov, title="Arsitektur Uji")
    client.force_login(ict_admin)
    header = ["architecture", "domain", "code", "name", "reference", "level", "agency", "sia_fields"]
    rows = [
        ["Arsitektur Uji", "data", "DA.01", "Data puskesmas", "04.01", 3, "DA", "Sifat Data: Terbatas"],
        ["Arsitektur Uji", "Proses bisnis", "PB.01", "Layanan kesehatan", "RAB.04.01", 3, "DA", ""],
        ["Arsitektur Uji", "service", "LA.01", "Layanan keuangan", "RAB 09.02", 3, "DA", ""],
        ["Arsitektur Uji", "service", "LA.02", "Layanan lain", "99.99", 3, "DA", ""],
    ]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    file = io.BytesIO(buffer.getvalue().encode())
    file.name = "arsitektur.csv"
    response = client.post("/planning/architecture-items/import/", {"file": file})
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    results = {r[0]: r for r in job.results}
    assert results[2][1] and results[3][1]
    assert results[4][3] == [{"column": "reference", "message": "Kode 09.02 bukan kode RAL."}]
    assert results[5][3] == [{"column": "reference", "message": "Kode referensi RAL 99.99 tidak ditemukan."}]
    assert ArchitectureItem.objects.count() == 0
    rows = rows[:2]
    buffer = io.StringIO()
    csv.writer(buffer).writerows([header, *rows])
    file = io.BytesIO(buffer.getvalue().encode())
    file.name = "arsitektur.csv"
    response = client.post("/planning/architecture-items/import/", {"file": file})
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert job.status == ImportStatus.VALIDATED, job.results
    client.post(f"/planning/architecture-items/import/{job.pk}/")
    data_item = ArchitectureItem.objects.get(code="DA.01")
    assert (data_item.reference.kind, data_item.reference.code) == ("RAD", "04.01")
    assert data_item.sia_fields == {"Sifat Data": "Terbatas"}
    assert ArchitectureItem.objects.get(code="PB.01").reference.kind == "RAB"
