"""The agencies' usual "inventarisasi aplikasi" sheet imports as it is: its headers and words."""

import io

import openpyxl

from spbe.applications.models import Application
from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob

HEADER = [
    "No",
    "Nama Aplikasi",
    "OPD",
    "Deskripsi/Fungsi",
    "Jenis Aplikasi",
    "URL",
    "Pengembang",
    "Status",
    "Kode Sumber",
    "Lisensi",
    "No. Kontrak",
    "Keterangan",
]
ROWS = [
    [
        1,
        "SIMPUS",
        "DA",
        "Sistem informasi puskesmas",
        "Khusus",
        "simpus.ujikab.go.id",
        "Internal",
        "Aktif",
        "Terbuka",
        "",
        "",
        "",
    ],
    [
        2,
        "e-Retribusi",
        "Dinas A",
        "Pembayaran retribusi pasar",
        "Khusus",
        "https://retribusi.ujikab.go.id",
        "CV Maju Jaya",
        "Pengembangan",
        "Tertutup",
        "Lisensi tahunan",
        "027/SPK/2025",
        "kontrak 2025",
    ],
    [
        3,
        "SRIKANDI",
        "DA",
        "Naskah dinas elektronik",
        "Umum",
        "https://srikandi.arsip.go.id",
        "Pusat",
        "",
        "Tertutup",
        "Hak pakai ANRI",
        "",
        "",
    ],
]


def sheet(rows, header=HEADER, name="inventarisasi-aplikasi.xlsx"):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = "Inventarisasi"
    ws.append(header)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def upload(client, file):
    response = client.post("/applications/applications/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:1500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_the_inventory_sheet_imports_with_its_own_headers_and_words(client_a, agency_a):
    job = upload(client_a, sheet(ROWS))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert not Application.objects.exists()  # a dry run first
    response = client_a.post(f"/applications/applications/import/{job.pk}/")
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED, job.message
    simpus = Application.objects.get(name="SIMPUS")
    assert (
        simpus.kind,
        simpus.developer_kind,
        simpus.status,
        simpus.source_model,
        simpus.lifecycle_stage,
    ) == (
        "specific",
        "in_house",
        "production",
        "open",
        "maintenance",
    )
    assert simpus.address == "https://simpus.ujikab.go.id" and simpus.agency == agency_a
    retribusi = Application.objects.get(name="e-Retribusi")
    assert (retribusi.developer_kind, retribusi.developer_name, retribusi.status) == (
        "third_party",
        "CV Maju Jaya",
        "in_development",
    )
    assert retribusi.licence == "Lisensi tahunan" and retribusi.contract_number == "027/SPK/2025"
    srikandi = Application.objects.get(name="SRIKANDI")
    assert (srikandi.kind, srikandi.developer_kind, srikandi.status) == ("common", "national", "production")


def test_one_bad_row_refuses_the_whole_sheet_and_says_why(client_a, agency_a):
    rows = [
        ROWS[0],
        [2, "Aplikasi Campuran", "DA", "Uji", "Campuran", "", "Internal", "Aktif", "Terbuka", "", "", ""],
        [3, "Milik Dinas B", "DB", "Uji", "Khusus", "", "Internal", "Aktif", "Terbuka", "", "", ""],
        [4, "Tertutup Tanpa Lisensi", "DA", "Uji", "Khusus", "", "Internal", "Aktif", "Tertutup", "", "", ""],
    ]
    job = upload(client_a, sheet(rows))
    assert job.status == ImportStatus.INVALID and job.error_count == 3
    errors = {
        row: " ".join(e["message"] for e in errs) for row, ok, _label, errs, *_rest in job.results if not ok
    }
    assert "“Campuran” tidak dikenal pada kolom Jenis Aplikasi" in errors[3]
    assert errors[4]  # agency B is outside the editor's scope
    assert "lisensi atau bukti legalitas" in errors[5]
    page = client_a.get(f"/applications/applications/import/{job.pk}/").content.decode()
    assert "Campuran" in page
    assert not Application.objects.exists()


def test_an_unknown_column_is_named(client_a):
    job = upload(client_a, sheet([ROWS[0][:3]], header=["No", "Nama Aplikasi", "Warna"]))
    assert job.status == ImportStatus.FAILED and "Warna" in job.message
