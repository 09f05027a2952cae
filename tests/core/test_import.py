"""Bulk import: a dry run shows every row's result; any invalid row means nothing is imported."""

import csv
import io

import openpyxl
import pytest
from django.core.management import call_command

from spbe.core.choices import ImportStatus
from spbe.core.models import AuditEvent, ImportJob
from spbe.org.models import Person

from ..factories import valid_nip

HEADER = ["agency", "name", "employment", "nip", "position"]


def csv_file(rows, name="pegawai.csv", header=HEADER):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    upload = io.BytesIO(data)
    upload.name = name
    return upload


def xlsx_file(rows, name="pegawai.xlsx"):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Perangkat daerah", "Nama", "Status kepegawaian", "NIP", "Jabatan"])  # labels, not names
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    buffer.name = name
    return buffer


def upload(client, file):
    response = client.post("/org/people/import/", {"file": file})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def test_dry_run_with_mixed_rows_imports_nothing_and_lists_every_error(client_a, agency_a, agency_b):
    rows = [
        ["DA", "Valid Satu", "PNS", valid_nip(), "Analis"],
        ["DA", "NIP Pendek", "PNS", "1985031420100110", "Analis"],
        ["DA", "", "PNS", valid_nip(), "Analis"],
        ["XX", "PD Tak Ada", "PNS", valid_nip(), "Analis"],
        ["DB", "PD Lain", "PNS", valid_nip(), "Analis"],  # outside the editor's agency
        ["DA", "Valid Dua", "Non-ASN", "", "Staf"],
    ]
    before_people, before_events = Person.objects.count(), AuditEvent.objects.count()
    job = upload(client_a, csv_file(rows))
    assert job.status == ImportStatus.INVALID
    assert (job.total_rows, job.error_count) == (6, 4)
    results = {r[0]: r for r in job.results}
    assert results[2][1] and results[7][1]
    assert results[3][3] == [{"column": "nip", "message": "NIP harus 18 digit; yang dimasukkan 16 digit."}]
    assert results[4][3][0]["column"] == "name"
    assert "'XX' tidak ditemukan" in results[5][3][0]["message"]
    assert results[6][3][0]["column"] == "agency"
    assert Person.objects.count() == before_people
    assert AuditEvent.objects.count() == before_events
    page = client_a.get(f"/org/people/import/{job.pk}/").content.decode()
    assert "tidak ada data yang disimpan" in page and "NIP harus 18 digit" in page and "Baris" in page
    # An invalid import cannot be applied.
    client_a.post(f"/org/people/import/{job.pk}/")
    assert Person.objects.count() == before_people


def test_valid_xlsx_by_labels_is_checked_then_applied_whole(client_a, agency_a):
    rows = [["DA", f"Orang {i}", "PNS", valid_nip(), "Analis"] for i in range(5)]
    job = upload(client_a, xlsx_file(rows))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert not Person.objects.filter(name__startswith="Orang ").exists()
    client_a.post(f"/org/people/import/{job.pk}/")
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert Person.objects.filter(name__startswith="Orang ", agency=agency_a).count() == 5
    event = AuditEvent.objects.filter(object_type="org.person", action="create").order_by("-seq").first()
    assert (event.entry_point, event.actor_name) == ("import", "editor.a")


def test_duplicate_nip_inside_the_file_is_caught(client_a, agency_a):
    nip = valid_nip()
    job = upload(client_a, csv_file([["DA", "Satu", "PNS", nip, "A"], ["DA", "Dua", "PNS", nip, "B"]]))
    assert job.status == ImportStatus.INVALID
    assert job.results[0][1] and not job.results[1][1]


def test_unknown_column_refuses_the_file_with_the_accepted_columns(client_a):
    job = upload(client_a, csv_file([["DA", "X"]], header=["agency", "warna favorit"]))
    assert job.status == ImportStatus.FAILED
    assert "Kolom tidak dikenal: warna favorit" in job.message


def test_not_a_spreadsheet_is_refused_with_a_message(client_a):
    bad = io.BytesIO(b"%PDF-1.4")
    bad.name = "data.pdf"
    response = client_a.post("/org/people/import/", {"file": bad})
    assert response.status_code == 400
    assert "Hanya berkas .csv atau .xlsx" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_large_import_runs_in_the_background_with_progress(client, settings, gov):
    """A real database task worker processes the job; the page shows progress until it ends."""
    from ..factories import AgencyFactory, user_with_role

    agency = AgencyFactory(government=gov, short_name="BG")
    user = user_with_role("agency_admin", agency, "bg.admin")
    client.force_login(user)
    settings.SPBE_IMPORT_INLINE_MAX_ROWS = 10
    rows = [["BG", f"Latar {i}", "PNS", valid_nip(), "Staf"] for i in range(40)]
    job = upload(client, csv_file(rows))
    assert job.status == ImportStatus.QUEUED
    page = client.get(f"/org/people/import/{job.pk}/").content.decode()
    assert 'role="progressbar"' in page
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.VALIDATED, job.message
    client.post(f"/org/people/import/{job.pk}/")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert Person.objects.filter(agency=agency, name__startswith="Latar ").count() == 40


def test_a_job_whose_worker_died_ends_as_failed_not_processing(client_a, monkeypatch):
    import time

    from spbe.core import importer

    job = ImportJob.objects.create(
        model_label="org.person",
        user=client_a.session
        and ImportJob._meta.get_field("user").related_model.objects.get(username="editor.a"),
        file_name="x.csv",
        status=ImportStatus.VALIDATING,
        total_rows=1000,
    )
    importer.set_progress(job.pk, done=10, total=1000, phase="validating")
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + importer.STALE_AFTER_SECONDS + 5)
    page = client_a.get(f"/org/people/import/{job.pk}/").content.decode()
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "tidak ada data yang diubah" in page


@pytest.mark.django_db(transaction=True)
def test_a_background_import_answers_in_the_language_of_who_started_it(client, settings, gov):
    """The worker has no request: it runs in the language stored on the job when it was queued."""
    from ..factories import AgencyFactory, user_with_role

    agency = AgencyFactory(government=gov, short_name="BG")
    client.force_login(user_with_role("agency_admin", agency, "bg.admin"))
    client.post("/i18n/setlang/", {"language": "en", "next": "/org/people/"})
    settings.SPBE_IMPORT_INLINE_MAX_ROWS = 0  # every file goes to the worker
    rows = [["BG", "Satu", "PNS", valid_nip(), "Staf"], ["XX", "Dua", "PNS", valid_nip(), "Staf"]]
    job = upload(client, csv_file(rows + [["BG", "Tiga", "PNS", "12345", "Staf"]]))
    assert (job.status, job.language) == (ImportStatus.QUEUED, "en")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportStatus.INVALID, job.message
    messages = [e["message"] for row in job.results for e in row[3]]
    assert "'XX' was not found in agency." in messages
    assert "The NIP must have 18 digits; 5 digits were entered." in messages
    page = client.get(f"/org/people/import/{job.pk}/").content.decode()
    assert "The NIP must have 18 digits" in page and "NIP harus 18 digit" not in page
