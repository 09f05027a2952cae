"""Excel out, edit, Excel in: generated for every importable registered ModelUI (no hand list).

Export the list (XLSX), change one cell of a record, import the file: the dry run shows the row as
"changed" with the field, applying it changes the record and leaves an audit event of entry point
"import". An unchanged re-import (CSV) changes nothing.
"""

import csv
import datetime
import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from spbe.core import sheets
from spbe.core.choices import ImportStatus
from spbe.core.models import AuditEvent, ImportJob
from spbe.core.ui import all_uis

from ..model_factories import make

UIS = sorted((ui for ui in all_uis() if ui.is_importable()), key=lambda ui: ui.model._meta.label_lower)
IDS = [ui.model._meta.label_lower for ui in UIS]
PREFERRED = ("title", "name", "position", "duty", "activity", "outcome", "description", "notes", "unit")


def test_every_importable_model_is_covered(capsys):
    with capsys.disabled():
        print(f"\nround-trip tests cover {len(UIS)} importable models: {', '.join(IDS)}")
    assert len(UIS) >= 15


def export(web, ui, fmt):
    columns = "&".join(f"columns={name}" for name in ui.table.columns)
    response = web.get(f"{reverse(ui.url_name('export'))}?format={fmt}&{columns}")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def upload(web, ui, name, data, **extra):
    response = web.post(reverse(ui.url_name("import")), {"file": SimpleUploadedFile(name, data), **extra})
    assert response.status_code == 302, response.content[:2000]
    return ImportJob.objects.get(pk=int(response["Location"].rstrip("/").split("/")[-1]))


def last_seq() -> int:
    return AuditEvent.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def editable_field(ui, exported_headers) -> tuple[str, str]:
    """An import field shown in the export that a user would edit: (field name, header)."""
    columns = {c.name: c for c in sheets.template_columns(ui)}
    key = set(ui.natural_key)
    candidates = [n for n in PREFERRED if n in columns] + list(columns)
    for name in candidates:
        field = sheets.model_field(ui.model, name)
        header = columns[name].header
        if field is None or name in key or header not in exported_headers or getattr(field, "unique", False):
            continue
        free = not isinstance(field, models.URLField | models.EmailField)  # a changed URL is no URL
        if isinstance(field, models.CharField | models.TextField) and not field.choices and free:
            return name, header
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
            return name, header
    raise AssertionError(f"{ui.model._meta.label}: no editable text or date column in its export")


def edited(field, old):
    if isinstance(field, models.DateField):
        day = datetime.date.fromisoformat(old) if old else datetime.date.today()
        return (day + datetime.timedelta(days=1)).isoformat()
    limit = field.max_length or 1000
    return (str(old or "")[: limit - 8] + " (ubah)").strip()


@pytest.mark.parametrize("ui", UIS, ids=IDS)
def test_export_edit_import_changes_the_record_with_its_audit_event(ui, web, ctx):
    obj = make(ui.model, ctx)
    workbook = openpyxl.load_workbook(io.BytesIO(export(web, ui, "xlsx")))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    assert header[0] == "ID"
    name, title = editable_field(ui, header)
    field = ui.model._meta.get_field(name)
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == str(obj.pk))
    cell = row[header.index(title)]
    cell.value = edited(field, cell.value)
    buffer = io.BytesIO()
    workbook.save(buffer)

    job = upload(web, ui, "ubah.xlsx", buffer.getvalue())
    assert job.status == ImportStatus.VALIDATED, (job.results, job.message)
    result = next(r for r in job.results if r[2] == str(obj) or r[4] == "changed")
    assert result[4] == "changed", job.results
    assert [c["field"] for c in result[5]] == [title]
    assert result[5][0]["new"] == str(cell.value)
    assert all(r[4] == "unchanged" for r in job.results if r is not result)
    page = web.get(reverse(ui.url_name("import_job"), kwargs={"job": job.pk})).content.decode()
    assert "diubah" in page and "Unggah berkas lagi" in page
    before = last_seq()

    web.post(reverse(ui.url_name("import_job"), kwargs={"job": job.pk}))
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED, job.message
    stored = ui.model.objects.get(pk=obj.pk)
    value = getattr(stored, name)
    assert (value.isoformat() if hasattr(value, "isoformat") else value) == cell.value
    events = AuditEvent.objects.filter(seq__gt=before, object_type=ui.model._meta.label_lower)
    event = events.get(object_id=str(obj.pk), action="update")
    assert event.entry_point == "import"
    assert field.attname in json.loads(event.changes)
    page = web.get(reverse(ui.url_name("import_job"), kwargs={"job": job.pk})).content.decode()
    assert reverse(ui.url_name("list")) in page  # the next step: back to the list


@pytest.mark.parametrize("ui", UIS, ids=IDS)
def test_unchanged_re_import_changes_nothing(ui, web, ctx):
    obj = make(ui.model, ctx)
    data = export(web, ui, "csv")
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[0] == "ID"
    versions = dict(ui.model.objects.values_list("pk", "version"))
    job = upload(web, ui, "sama.csv", data)
    assert job.status == ImportStatus.VALIDATED, (job.results, job.message)
    assert {r[4] for r in job.results} == {"unchanged"}
    assert str(obj) in [r[2] for r in job.results]
    before = last_seq()
    web.post(reverse(ui.url_name("import_job"), kwargs={"job": job.pk}))
    job.refresh_from_db()
    assert job.status == ImportStatus.APPLIED
    assert AuditEvent.objects.filter(seq__gt=before).exclude(action="event").count() == 0
    assert dict(ui.model.objects.values_list("pk", "version")) == versions
