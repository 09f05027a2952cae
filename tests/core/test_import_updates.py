"""Re-importing an edited export: headers in either language, choices named on error, updates by ID or
natural key, scope and version checks, and deleting what the file leaves out only when asked."""

import csv
import io

import openpyxl
from django.conf import settings

from spbe.core.choices import ImportStatus
from spbe.core.models import ImportJob
from spbe.org.models import Person

from ..factories import PersonFactory, valid_nip


def csv_upload(rows, name="pegawai.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    upload = io.BytesIO(buffer.getvalue().encode())
    upload.name = name
    return upload


def send(client, file, **extra):
    response = client.post("/org/people/import/", {"file": file, **extra})
    assert response.status_code == 302, response.content[:500]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def apply(client, job):
    client.post(f"/org/people/import/{job.pk}/")
    job.refresh_from_db()
    return job


def exported(client, query="columns=name&columns=nip&columns=employment&columns=position&columns=agency"):
    text = b"".join(client.get(f"/org/people/export/?format=csv&{query}").streaming_content)
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


def test_headers_in_english_and_codes_are_accepted(client_a, agency_a):
    nip = valid_nip()
    rows = [
        ["Agency", "name", "Employment status", "NIP", "Position"],
        ["DA", "Ani English", "PNS", nip, "Analis"],
    ]
    job = send(client_a, csv_upload(rows))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert apply(client_a, job).status == ImportStatus.APPLIED
    assert Person.objects.get(nip=nip).name == "Ani English"


def test_template_headers_follow_the_language_and_list_the_choices(client_a):
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client_a.get("/org/people/import/?template=csv")
    english = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "id"
    response = client_a.get("/org/people/import/?template=xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    data, choices = workbook.worksheets
    header = [c.value for c in data[1]]
    assert header[:3] == ["Perangkat daerah", "Gelar depan", "Nama"] and "front_title" not in header
    assert "Employment status" in english and "Status kepegawaian" not in english
    assert choices.title == "Pilihan"
    listed = {col[0].value: [c.value for c in col[1:] if c.value] for col in choices.iter_cols()}
    assert listed["Status kepegawaian"] == ["PNS", "PPPK", "Non-ASN"]
    column = openpyxl.utils.get_column_letter(header.index("Status kepegawaian") + 1)
    validation = next(v for v in data.data_validations.dataValidation if str(v.sqref).startswith(column))
    assert validation.type == "list" and "Pilihan" in validation.formula1


def test_unknown_choice_names_the_allowed_values(client_a, agency_a):
    rows = [["Perangkat daerah", "Nama", "Status kepegawaian"], ["DA", "Budi", "Honorer"]]
    job = send(client_a, csv_upload(rows))
    assert job.status == ImportStatus.INVALID
    assert job.results[0][3] == [
        {
            "column": "Status kepegawaian",
            "message": "Nilai 'Honorer' tidak dikenal untuk Status kepegawaian; pilihan: PNS, PPPK, Non-ASN.",
        }
    ]


def test_edited_export_updates_by_id_and_shows_old_and_new(client_a, agency_a):
    ani = PersonFactory(agency=agency_a, name="Ani", position="Analis")
    PersonFactory(agency=agency_a, name="Budi", position="Arsiparis")
    rows = exported(client_a)
    assert rows[0] == ["ID", "Versi", "Nama", "NIP", "Status kepegawaian", "Jabatan", "Perangkat daerah"]
    for row in rows[1:]:
        if row[0] == str(ani.pk):
            row[5] = "Kepala Seksi"
    job = send(client_a, csv_upload(rows))
    assert job.status == ImportStatus.VALIDATED, job.results
    assert "1 diubah, 1 tidak berubah" in job.message
    changed = next(r for r in job.results if r[4] == "changed")
    assert changed[5] == [{"field": "Jabatan", "old": "Analis", "new": "Kepala Seksi"}]
    page = client_a.get(f"/org/people/import/{job.pk}/").content.decode()
    assert "diubah" in page and "tidak berubah" in page and "Analis → Kepala Seksi" in page
    assert apply(client_a, job).status == ImportStatus.APPLIED
    ani.refresh_from_db()
    assert (ani.position, ani.version) == ("Kepala Seksi", 2)
    assert Person.objects.filter(agency=agency_a).count() == 2  # no duplicate


def test_a_row_without_id_updates_the_person_with_that_nip(client_a, agency_a):
    ani = PersonFactory(agency=agency_a, name="Ani", position="Analis")
    rows = [
        ["Perangkat daerah", "Nama", "Status kepegawaian", "NIP", "Jabatan"],
        ["DA", "Ani", "PNS", ani.nip, "Lurah"],
    ]
    job = apply(client_a, send(client_a, csv_upload(rows)))
    assert job.status == ImportStatus.APPLIED, job.results
    assert job.results[0][4] == "changed"
    ani.refresh_from_db()
    assert ani.position == "Lurah"
    assert Person.objects.filter(nip=ani.nip).count() == 1


def test_a_changed_row_of_another_agency_is_refused_and_nothing_is_saved(client_a, agency_a, agency_b):
    mine = PersonFactory(agency=agency_a, name="Ani", position="Analis")
    theirs = PersonFactory(agency=agency_b, name="Bayu", position="Analis")
    rows = exported(client_a, "columns=name&columns=position")
    for row in rows[1:]:
        row[3] = "Diubah"
    job = send(client_a, csv_upload(rows))
    assert job.status == ImportStatus.INVALID
    refused = next(r for r in job.results if r[2] == str(theirs))
    assert "tidak berwenang mengubah" in refused[3][0]["message"]
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.position, theirs.position) == ("Analis", "Analis")


def test_a_row_based_on_an_outdated_version_is_refused(client_a, agency_a):
    ani = PersonFactory(agency=agency_a, name="Ani", position="Analis")
    rows = exported(client_a, "columns=name&columns=position")
    Person.objects.filter(pk=ani.pk).update(version=ani.version + 1, position="Analis Utama")
    rows[1][3] = "Kepala"
    job = send(client_a, csv_upload(rows))
    assert job.status == ImportStatus.INVALID
    assert "telah diubah" in job.results[0][3][0]["message"]
    ani.refresh_from_db()
    assert ani.position == "Analis Utama"


def test_records_missing_from_the_file_stay_unless_deletion_is_asked(client_a, agency_a):
    keep = PersonFactory(agency=agency_a, name="Ani")
    gone = PersonFactory(agency=agency_a, name="Budi")
    rows = [r for r in exported(client_a) if r[0] != str(gone.pk)]
    job = apply(client_a, send(client_a, csv_upload(rows)))
    assert job.status == ImportStatus.APPLIED and not job.delete_missing
    assert Person.objects.filter(pk=gone.pk).exists()

    job = send(client_a, csv_upload(rows), delete_missing="on")
    assert job.status == ImportStatus.VALIDATED, job.results
    assert "1 dihapus" in job.message
    assert [(r[2], r[4]) for r in job.results if r[4] == "deleted"] == [(str(gone), "deleted")]
    assert "dihapus" in client_a.get(f"/org/people/import/{job.pk}/").content.decode()
    assert Person.objects.filter(pk=gone.pk).exists()  # the dry run deletes nothing
    assert apply(client_a, job).status == ImportStatus.APPLIED
    assert not Person.objects.filter(pk=gone.pk).exists()
    assert Person.objects.filter(pk=keep.pk).exists()


def test_deleting_a_record_still_in_use_fails_the_whole_import(client, gov, agency_a):
    from spbe.org.models import Agency

    from ..factories import AgencyFactory, user_with_role

    admin = user_with_role("platform_admin", None, "admin.platform")
    client.force_login(admin)
    empty = AgencyFactory(government=gov, name="Dinas Kosong", short_name="DK")
    PersonFactory(agency=agency_a)
    text = b"".join(client.get("/org/agencies/export/?format=csv").streaming_content).decode("utf-8-sig")
    rows = [r for r in csv.reader(io.StringIO(text)) if r[0] not in (str(agency_a.pk), str(empty.pk))]
    response = client.post(
        "/org/agencies/import/", {"file": csv_upload(rows, "pd.csv"), "delete_missing": "on"}
    )
    job = ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))
    assert job.status == ImportStatus.INVALID
    refused = next(r for r in job.results if r[2] == str(agency_a))
    assert "masih dipakai" in refused[3][0]["message"]
    assert Agency.objects.filter(pk__in=[agency_a.pk, empty.pk]).count() == 2
