"""Bulk import from CSV or XLSX through the model's own form.

A run validates every row inside one transaction (so duplicates within the file are caught
too) and then either keeps the whole file (apply, and no row failed) or rolls everything back
(dry run, or any row failed). Progress goes to the `progress` cache, outside the transaction,
so a page can show it while the run holds its write lock.
"""

import csv
import datetime
import io
import re
import tempfile
import time
import zipfile
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, context
from .choices import EntryPoint, ImportStatus
from .models import ImportJob

TRUE_WORDS = {"ya", "y", "true", "1", "benar", "yes"}
FALSE_WORDS = {"tidak", "t", "false", "0", "salah", "no", ""}
PROGRESS_EVERY = 200


class ImportFileError(Exception):
    """The file as a whole cannot be read (bad format, unknown columns)."""


@dataclass
class RowResult:
    row: int
    ok: bool
    label: str = ""
    errors: list[dict] = field(default_factory=list)

    def as_list(self):
        return [self.row, self.ok, self.label, self.errors]


@dataclass
class Precheck:
    rows: int  # data rows as the file declares them (an estimate: the parse counts)
    inline: bool  # small enough to parse within the web request


SHEET_DATA = re.compile(rb"<(?:\w+:)?sheetData[\s>/]")
ROW_TAG = re.compile(rb"<(?:\w+:)?row[\s>]")
DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]+\d+(?::[A-Z]+(\d+))?\"")


def precheck(data: bytes, name: str) -> Precheck:
    """Cheap checks of an upload before anything parses it; the web request never parses more.

    An XLSX is a zip: its declared uncompressed size and its sheet's declared dimension are read
    without inflating the sheet, so a small file that expands to a million rows is refused (or,
    when it hides its size, sent to the background job, which stops at the row limit) within
    milliseconds instead of holding a web worker for minutes.
    """
    limit = settings.SPBE_IMPORT_MAX_ROWS
    too_many = _("Berkas berisi lebih dari %(max)s baris data; bagi menjadi beberapa berkas.") % {
        "max": f"{limit:,}".replace(",", ".")
    }
    if not name.lower().endswith(".xlsx"):
        # A CSV is as big as the upload limit allows; the exact row limit is applied as it is read.
        rows = max(data.count(b"\n") - 1, 0)  # quoted line breaks only over-count
        return Precheck(rows, inline=rows <= settings.SPBE_IMPORT_INLINE_MAX_ROWS)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError):
        raise ImportFileError(_("Berkas XLSX tidak dapat dibaca. Pastikan berkas tidak rusak."))
    if sum(m.file_size for m in members) > settings.SPBE_IMPORT_MAX_XLSX_BYTES:
        raise ImportFileError(too_many)
    sheet = _first_sheet(archive)
    if sheet is None:
        raise ImportFileError(_("Berkas XLSX tidak dapat dibaca. Pastikan berkas tidak rusak."))
    with archive.open(sheet) as handle:
        head = handle.read(64 * 1024)
    match = DIMENSION.search(head)
    declared = int(match.group(1)) - 1 if match and match.group(1) else None
    if declared is not None and declared > limit:
        raise ImportFileError(too_many)
    small = sheet.file_size <= settings.SPBE_IMPORT_INLINE_MAX_BYTES
    if small and declared is None:  # no dimension (e.g. write-only files): count rows, cheap here
        with archive.open(sheet) as handle:
            declared = max(len(ROW_TAG.findall(handle.read())) - 1, 0)
    inline = small and declared is not None and declared <= settings.SPBE_IMPORT_INLINE_MAX_ROWS
    return Precheck(declared or 0, inline=inline)


def _first_sheet(archive: zipfile.ZipFile) -> zipfile.ZipInfo | None:
    sheets = [m for m in archive.infolist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", m.filename)]
    return min(sheets, key=lambda m: int(re.sub(r"\D", "", m.filename)), default=None)


def _with_dimension(data: bytes):
    """The workbook, with a <dimension> added to its first sheet when it has none.

    openpyxl's read-only mode looks for the dimension first and, when a sheet has none, parses
    the whole sheet to find out (24 s of CPU for a million rows) before giving the first row.
    With one, rows are read as they come and reading stops at the row limit.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheet = _first_sheet(archive)
        if sheet is None:
            return io.BytesIO(data)
        with archive.open(sheet) as handle:
            head = handle.read(64 * 1024)
    except (zipfile.BadZipFile, ValueError):
        return io.BytesIO(data)
    if DIMENSION.search(head):
        return io.BytesIO(data)
    rebuilt = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    with zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_STORED) as target:
        for member in archive.infolist():
            if member.filename != sheet.filename:
                target.writestr(member, archive.read(member))
                continue
            with archive.open(member) as source, target.open(member.filename, "w", force_zip64=True) as out:
                first = source.read(64 * 1024)
                out.write(SHEET_DATA.sub(rb'<dimension ref="A1"/>\g<0>', first, count=1))
                while chunk := source.read(1024 * 1024):
                    out.write(chunk)
    rebuilt.seek(0)
    return rebuilt


def read_table(data: bytes, name: str) -> tuple[list[str], list[list]]:
    """Header and rows of a CSV (UTF-8, comma or semicolon) or XLSX file, at most
    SPBE_IMPORT_MAX_ROWS data rows (reading stops there, whatever the file declares)."""
    limit = settings.SPBE_IMPORT_MAX_ROWS + 1
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(_with_dimension(data), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # read the rows there are, not the ones the file declares
            rows = []
            for row in sheet.iter_rows(values_only=True):
                if any(c not in (None, "") for c in row):
                    rows.append(list(row))
                    if len(rows) > limit:
                        break
            workbook.close()
        except Exception:
            raise ImportFileError(_("Berkas XLSX tidak dapat dibaca. Pastikan berkas tidak rusak."))
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(_("Berkas CSV harus berpengodean UTF-8."))
        sample = text[:4096]
        delimiter = ";" if sample.count(";") > sample.count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    rows = [r for r in rows if any(c not in (None, "") for c in r)]
    if len(rows) > limit:
        raise ImportFileError(
            _("Berkas berisi lebih dari %(max)s baris data; bagi menjadi beberapa berkas.")
            % {"max": f"{settings.SPBE_IMPORT_MAX_ROWS:,}".replace(",", ".")}
        )
    if not rows:
        raise ImportFileError(_("Berkas kosong: tidak ada baris judul kolom."))
    header = [str(c).strip() if c is not None else "" for c in rows[0]]
    return header, rows[1:]


def map_columns(header: list[str], form_class) -> dict[int, str]:
    """Column index -> form field name, accepting field names, labels, or the form's
    `import_aliases` (the headers of sheets agencies already keep), in any case. Columns named in
    `import_ignored` (e.g. "No") are skipped."""
    fields = form_class.base_fields
    ignored = {str(c).strip().lower() for c in getattr(form_class, "import_ignored", ())}
    names = {
        str(alias).strip().lower(): name for alias, name in getattr(form_class, "import_aliases", {}).items()
    }
    for name, f in fields.items():
        if name == "version":
            continue
        names[name.lower()] = name
        if f.label:
            names[str(f.label).strip().lower()] = name
    mapping, unknown = {}, []
    for index, title in enumerate(header):
        if not title or title.lower() in ignored:
            continue
        key = title.lower()
        if key in names:
            mapping[index] = names[key]
        else:
            unknown.append(title)
    if unknown:
        raise ImportFileError(
            _("Kolom tidak dikenal: %(cols)s. Kolom yang diterima: %(known)s.")
            % {"cols": ", ".join(unknown), "known": ", ".join(n for n in fields if n != "version")}
        )
    return mapping


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _normalise(form, name: str, raw: str, errors: list, column: str):
    """Turn a spreadsheet cell into what the form field expects (labels, natural keys, dates)."""
    f = form.base_fields[name]
    if isinstance(f, forms.ModelChoiceField) and raw and not raw.isdigit():
        keys = getattr(f.queryset.model, "import_key_fields", ())
        for key in keys:
            match = f.queryset.filter(**{f"{key}__iexact": raw}).values_list("pk", flat=True).first()
            if match is not None:
                return str(match)
        errors.append(
            {
                "column": column,
                "message": _("'%(value)s' tidak ditemukan pada %(model)s.")
                % {"value": raw, "model": f.queryset.model._meta.verbose_name},
            }
        )
        return None
    if isinstance(f, forms.TypedChoiceField | forms.ChoiceField) and raw:
        for value, label in f.choices:
            if raw.lower() in (str(value).lower(), str(label).lower()):
                return str(value)
    if isinstance(f, forms.BooleanField):
        if raw.lower() in TRUE_WORDS:
            return "on"
        if raw.lower() in FALSE_WORDS:
            return ""
        errors.append({"column": column, "message": _("Isi dengan Ya atau Tidak.")})
        return None
    if isinstance(f, forms.DateField) and raw and "/" in raw:
        try:
            return datetime.datetime.strptime(raw, "%d/%m/%Y").date().isoformat()
        except ValueError:
            return raw
    return raw


def set_progress(job_id: int, *, done: int, total: int, phase: str) -> None:
    caches["progress"].set(
        f"import:{job_id}", {"done": done, "total": total, "phase": phase, "heartbeat": time.time()}, 3600
    )


def get_progress(job_id: int) -> dict | None:
    return caches["progress"].get(f"import:{job_id}")


def run(job: ImportJob, form_class, *, apply: bool) -> ImportJob:
    """Validate (and with apply=True, keep) the job's file. Always ends in a final status."""
    job.status = ImportStatus.APPLYING if apply else ImportStatus.VALIDATING
    job.save(update_fields=["status", "updated"])
    try:
        with job.file.open("rb") as handle:
            header, rows = read_table(handle.read(), job.file_name)
        mapping = map_columns(header, form_class)
    except ImportFileError as error:
        return _finish(job, ImportStatus.FAILED, message=str(error))
    total = len(rows)
    results: list[RowResult] = []
    with context.acting(entry_point=EntryPoint.IMPORT, user=job.user):
        # Audit events are chained once, at the end: other users' saves do not wait for the import.
        with transaction.atomic(), audit.deferred() as events:
            for index, cells in enumerate(rows):
                results.append(_import_row(index + 2, cells, header, mapping, form_class, job.user))
                if index % PROGRESS_EVERY == 0:
                    set_progress(job.pk, done=index, total=total, phase=job.status)
            failed = sum(1 for r in results if not r.ok)
            if failed or not apply:
                events.clear()
                transaction.set_rollback(True)
    set_progress(job.pk, done=total, total=total, phase="done")
    job.total_rows, job.error_count = total, failed
    job.results = [r.as_list() for r in results]
    if failed:
        return _finish(
            job,
            ImportStatus.INVALID,
            message=_("%(failed)d dari %(total)d baris tidak valid; tidak ada data yang disimpan.")
            % {"failed": failed, "total": total},
        )
    if apply:
        return _finish(job, ImportStatus.APPLIED, message=_("%(total)d baris disimpan.") % {"total": total})
    return _finish(
        job,
        ImportStatus.VALIDATED,
        message=_("Semua %(total)d baris valid. Belum ada yang disimpan: tekan Terapkan.") % {"total": total},
    )


def _import_row(number, cells, header, mapping, form_class, user) -> RowResult:
    errors: list[dict] = []
    data = {}
    for index, name in mapping.items():
        raw = _cell(cells[index]) if index < len(cells) else ""
        value = _normalise(form_class, name, raw, errors, header[index])
        if value is not None:
            data[name] = value
    if errors:
        return RowResult(number, False, errors=errors)
    form = form_class(data=data, user=user)
    if not form.is_valid():
        labels = {name: header[i] for i, name in mapping.items()}
        for name, messages in form.errors.items():
            column = labels.get(name, name if name != "__all__" else "-")
            errors.extend({"column": column, "message": str(m)} for m in messages)
        return RowResult(number, False, errors=errors)
    try:
        with transaction.atomic():
            obj = form.save(commit=False)
            obj.created_by = user
            obj.save()
            form.save_m2m()
    except IntegrityError as error:
        return RowResult(
            number,
            False,
            errors=[{"column": "-", "message": _("Bentrok dengan data lain: %(e)s") % {"e": error}}],
        )
    return RowResult(number, True, label=str(obj))


def _finish(job: ImportJob, status: str, *, message: str) -> ImportJob:
    job.status = status
    job.message = message
    job.save()
    return job


STALE_AFTER_SECONDS = 180


def mark_stale(job: ImportJob) -> bool:
    """A running job whose worker stopped reporting is failed, never left "processing"."""
    if job.status not in (ImportStatus.VALIDATING, ImportStatus.APPLYING, ImportStatus.QUEUED):
        return False
    progress = get_progress(job.pk)
    last = progress["heartbeat"] if progress else job.updated.timestamp()
    if time.time() - last < STALE_AFTER_SECONDS:
        return False
    waiting = job.status == ImportStatus.QUEUED
    _finish(
        job,
        ImportStatus.FAILED,
        message=_("Impor belum diproses karena pekerja latar tidak berjalan; tidak ada data yang diubah.")
        if waiting
        else _("Proses impor berhenti tanpa kabar; tidak ada data yang diubah. Silakan ulangi."),
    )
    job.updated = timezone.now()
    return True
