"""The agencies' asset inventory sheet: upsert by natural key (agency + asset number), a dry run
that says what each row would do, and "delete missing" only when asked."""

import io

import openpyxl

from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob
from spbe.infrastructure.models import Asset

HEADER = [
    "agency",
    "tag",
    "name",
    "category",
    "status",
    "source",
    "useful_life_years",
    "acquired_on",
    "cost",
    "location",
]


def sheet(rows):
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = "inventaris-aset-tik.xlsx"
    return buffer


def send(client, file, **extra):
    response = client.post("/infrastructure/assets/import/", {"file": file, **extra})
    assert response.status_code == 302, response.content.decode()[:1500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def apply(client, job):
    assert client.post(f"/infrastructure/assets/import/{job.pk}/").status_code == 302
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED, job.message


def test_the_inventory_sheet_upserts_by_asset_number_and_deletes_only_when_asked(client, admin_satu, satu):
    client.force_login(admin_satu)
    rows = [
        ["D1", "PC-01", "Komputer loket", "computer", "planned", "regional", 4, None, 14500000, "Loket 1"],
        ["D1", "PR-01", "Printer loket", "printer", "planned", "regional", 4, None, 3500000, "Loket 1"],
    ]
    job = send(client, sheet(rows))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert not Asset.objects.exists()  # a dry run first
    apply(client, job)
    assert Asset.objects.filter(agency=satu).count() == 2

    rows = [
        ["D1", "PC-01", "Komputer loket", "computer", "planned", "regional", 4, None, 14500000, "Loket 2"]
    ]
    job = send(client, sheet(rows), delete_missing="on")
    assert job.status == ImportStatus.VALIDATED, job.results
    page = client.get(f"/infrastructure/assets/import/{job.pk}/").content.decode()
    assert "PR-01" in page  # the row that would be deleted is named before anything changes
    assert Asset.objects.count() == 2
    apply(client, job)
    assert list(Asset.objects.values_list("tag", "location")) == [("PC-01", "Loket 2")]
