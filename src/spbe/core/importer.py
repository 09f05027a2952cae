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
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, context, permissions, sheets
from .bounds import within_range
from .choices import EntryPoint, ImportStatus
from .errors import ConflictError, ProtectedError
from .exporter import FORMULA_STARTS
from .models import ImportJob
from .services import delete_checked, save_versioned

TRUE_WORDS = {"ya", "y", "true", "1", "benar", "yes"}
FALSE_WORDS = {"tidak", "t", "false", "0", "salah", "no", ""}
PROGRESS_EVERY = 200


class ImportFileError(Exception):
    """The file as a whole cannot be read (bad format, unknown columns)."""


@dataclass
class RowResult:
    row: int | None  # None: a record the file does not name (deleted with "delete missing")
    ok: bool
    label: str = ""
    errors: list[dict] = field(default_factory=list)
    outcome: str = ""  # new, changed, unchanged, deleted
    changes: list[dict] = field(default_factory=list)  # {field, old, new} of a changed record

    def as_list(self):
        return [self.row, self.ok, self.label, self.errors, self.outcome, self.changes]


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


def map_columns(header: list[str], ui) -> dict[int, "sheets.SheetColumn"]:
    """Column index -> sheet column (core/sheets.py): ID, Versi, an import field (by its code, its
    label in any language, or the form's `import_aliases`), or a read-only column of the export
    (ignored). Columns named in the form's `import_ignored` (e.g. "No") are skipped."""
    form_class = ui.get_import_form()
    ignored = {str(c).strip().lower() for c in getattr(form_class, "import_ignored", ())}
    index = sheets.header_index(ui)
    mapping, unknown, seen = {}, [], {}
    for position, title in enumerate(header):
        if not title or title.lower() in ignored:
            continue
        column = index.get(title.lower())
        if column is None:
            unknown.append(title)
        elif column.kind != sheets.READ_ONLY or column.name in ui.import_guarded:
            if (column.kind, column.name) in seen:
                raise ImportFileError(
                    _("Kolom %(a)s dan %(b)s berisi data yang sama; hapus salah satu.")
                    % {"a": seen[(column.kind, column.name)], "b": title}
                )
            seen[(column.kind, column.name)] = title
            mapping[position] = column
    if unknown:
        known = [c.header for c in sheets.template_columns(ui)]
        raise ImportFileError(
            _("Kolom tidak dikenal: %(cols)s. Kolom yang diterima: %(known)s.")
            % {"cols": ", ".join(unknown), "known": ", ".join(["ID", *known])}
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
    text = str(value).strip()
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]  # the apostrophe the CSV export put before a formula-like text
    return text


def _choice_value(f, raw: str, errors: list, column: str):
    """A choice given by its code or its label in any language; otherwise an error naming the values."""
    lowered = raw.lower()
    for value, label in f.choices:
        if value in ("", None):
            continue
        if lowered == str(value).lower() or lowered in sheets.in_every_language(label):
            return str(value)
    allowed = [str(label) for value, label in f.choices if value not in ("", None)]
    errors.append(
        {
            "column": column,
            "message": _("Nilai '%(value)s' tidak dikenal untuk %(column)s; pilihan: %(allowed)s.")
            % {"value": raw, "column": column, "allowed": ", ".join(allowed)},
        }
    )
    return None


def _reference(f, raw: str, errors: list, column: str, keys=(), shown=None):
    """A reference given by its id, its natural key (`import_key_fields`), the attribute the list
    shows of it (e.g. a short name), or the text the list shows (`shown`: the texts read once per
    file, see `_shown_texts`)."""
    model = f.queryset.model
    if raw.isdigit() and within_range(model, raw) and f.queryset.filter(pk=raw).exists():
        return raw
    for key in (*getattr(model, "import_key_fields", ()), *keys):
        target = sheets.model_field(model, key)
        if target is None or not target.concrete or target.is_relation:
            continue
        match = f.queryset.filter(**{f"{key}__iexact": raw}).values_list("pk", flat=True)[:2]
        if len(match) == 1:
            return str(match[0])
    texts = shown.get(id(f)) if shown is not None else None
    if texts is None:
        texts = _shown_texts(f.queryset)
        if shown is not None:
            shown[id(f)] = texts
    found = texts.get(raw.strip().lower(), [])
    if len(found) == 1:
        return str(found[0])
    errors.append(
        {
            "column": column,
            "message": _("'%(value)s' tidak ditemukan pada %(model)s.")
            % {"value": raw, "model": model._meta.verbose_name},
        }
    )
    return None


SHOWN_TEXT_SCAN = 2000  # references matched by their shown text when there are at most this many


def _shown_texts(queryset) -> dict[str, list]:
    """{shown text, lower-cased: [ids]} of the records a reference may name; empty when there are
    more than SHOWN_TEXT_SCAN of them."""
    if queryset.count() > SHOWN_TEXT_SCAN:
        return {}
    texts: dict[str, list] = {}
    for obj in queryset:
        texts.setdefault(str(obj).strip().lower(), []).append(obj.pk)
    return texts


def _normalise(form, name: str, raw: str, errors: list, column: str, keys=(), shown=None):
    """Turn a spreadsheet cell into what the form field expects (labels, natural keys, dates)."""
    f = form.base_fields[name]
    if isinstance(f, forms.ModelMultipleChoiceField):
        return raw
    if isinstance(f, forms.ModelChoiceField) and raw:
        return _reference(f, raw, errors, column, keys, shown)
    if isinstance(f, forms.TypedChoiceField | forms.ChoiceField) and not isinstance(
        f, forms.MultipleChoiceField
    ):
        return _choice_value(f, raw, errors, column) if raw else raw
    if isinstance(f, forms.BooleanField):
        if raw.lower() in TRUE_WORDS or raw.lower() in sheets.in_every_language(_("Ya")):
            return "on"
        if raw.lower() in FALSE_WORDS or raw.lower() in sheets.in_every_language(_("Tidak")):
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


NEW, CHANGED, UNCHANGED, DELETED = "new", "changed", "unchanged", "deleted"


def run(job: ImportJob, ui, *, apply: bool) -> ImportJob:
    """Validate (and with apply=True, keep) the job's file. Always ends in a final status.

    A row that names a record (its ID, or the ModelUI's `natural_key`) updates it; a row that
    names none adds one. With `job.delete_missing`, the records the user may delete that no row
    names are deleted. All of it in one transaction: kept whole or not at all."""
    job.status = ImportStatus.APPLYING if apply else ImportStatus.VALIDATING
    job.save(update_fields=["status", "updated"])
    try:
        with job.file.open("rb") as handle:
            header, rows = read_table(handle.read(), job.file_name)
        plan = Plan(ui, job.user, header, map_columns(header, ui))
    except ImportFileError as error:
        return _finish(job, ImportStatus.FAILED, message=str(error))
    total = len(rows)
    results: list[RowResult] = []
    with context.acting(entry_point=EntryPoint.IMPORT, user=job.user):
        # Audit events are chained once, at the end: other users' saves do not wait for the import.
        with transaction.atomic(), audit.deferred() as events:
            for index, cells in enumerate(rows):
                results.append(plan.row(index + 2, cells))
                if index % PROGRESS_EVERY == 0:
                    set_progress(job.pk, done=index, total=total, phase=job.status)
            if job.delete_missing:
                results.extend(plan.delete_missing())
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
            % {"failed": failed, "total": len(results)},
        )
    summary = outcome_summary(results)
    if apply:
        return _finish(
            job,
            ImportStatus.APPLIED,
            message=_("%(total)d baris disimpan: %(summary)s.") % {"total": total, "summary": summary},
        )
    return _finish(
        job,
        ImportStatus.VALIDATED,
        message=_("Semua %(total)d baris valid: %(summary)s. Belum ada yang disimpan: tekan Terapkan.")
        % {"total": total, "summary": summary},
    )


def outcome_summary(results) -> str:
    counts = {key: 0 for key in (NEW, CHANGED, UNCHANGED, DELETED)}
    for result in results:
        counts[result.outcome] = counts.get(result.outcome, 0) + 1
    parts = [
        _("%(n)d baru") % {"n": counts[NEW]},
        _("%(n)d diubah") % {"n": counts[CHANGED]},
        _("%(n)d tidak berubah") % {"n": counts[UNCHANGED]},
    ]
    if counts[DELETED]:
        parts.append(_("%(n)d dihapus") % {"n": counts[DELETED]})
    return ", ".join(parts)


class RowError(Exception):
    def __init__(self, column: str, message: str):
        super().__init__(message)
        self.column, self.message = column, message


class Plan:
    """How the rows of one file are read: which column is which, and the records they name."""

    def __init__(self, ui, user, header, mapping):
        from . import references

        self.ui, self.user, self.header, self.mapping = ui, user, header, mapping
        self.model = ui.model
        self.form_class = ui.get_import_form()
        self.fields = {i: c for i, c in mapping.items() if c.kind == sheets.FIELD}
        self.guarded = {i: c for i, c in mapping.items() if c.kind == sheets.READ_ONLY}
        self.id_index = next((i for i, c in mapping.items() if c.kind == sheets.ID), None)
        self.version_index = next((i for i, c in mapping.items() if c.kind == sheets.VERSION), None)
        self.table = ui.table(None, visible=list(ui.table.columns))
        self.table.references = references.for_user(user)
        self.named: dict = {}  # pk -> row: the records the file names (kept when missing ones are deleted)
        self.shown: dict = {}  # form field -> the shown texts of the records it may name, read once

    def row(self, number: int, cells) -> RowResult:
        raw = {i: _cell(cells[i]) if i < len(cells) else "" for i in self.mapping}
        try:
            obj = self.find(raw)
        except RowError as error:
            return RowResult(number, False, errors=[{"column": error.column, "message": error.message}])
        if obj is None:
            return self.create(number, raw)
        if obj.pk in self.named:
            return RowResult(
                number,
                False,
                label=str(obj),
                errors=[
                    {
                        "column": "ID",
                        "message": _("Data ini sudah disebut pada baris %(row)s; satu data satu baris.")
                        % {"row": self.named[obj.pk]},
                    }
                ],
            )
        self.named[obj.pk] = number
        return self.update(number, raw, obj)

    # --- which record a row names -------------------------------------------------------------

    def find(self, raw):
        visible = self.model.objects.restrict(self.user, permissions.VIEW)
        ident = raw.get(self.id_index, "") if self.id_index is not None else ""
        if ident:
            obj = None
            if ident.isdigit() and within_range(self.model, ident):
                obj = visible.filter(pk=ident).first()
            if obj is None:
                raise RowError(
                    "ID",
                    _(
                        "Tidak ada %(model)s dengan ID %(id)s yang dapat Anda lihat; kosongkan ID untuk menambah data baru."
                    )
                    % {"model": self.model._meta.verbose_name, "id": ident},
                )
            return obj
        lookup = self.natural_key(raw)
        if lookup is None:
            return None
        found = list(visible.filter(**lookup)[:2])
        if len(found) > 1:
            raise RowError("ID", _("Lebih dari satu data cocok dengan baris ini; isi kolom ID."))
        return found[0] if found else None

    def natural_key(self, raw) -> dict | None:
        """The lookup of the ModelUI's `natural_key` from the row, or None when the file lacks one
        of its columns or the row leaves one empty or unreadable (then the row adds a record, and
        the form reports what is wrong)."""
        keys = [k for k in self.ui.natural_key if k != "id"]
        by_name = {c.name: i for i, c in self.fields.items()}
        if not keys or any(not raw.get(by_name.get(k), "") for k in keys):
            return None
        lookup = {}
        for key in keys:
            index = by_name[key]
            errors: list = []
            value = _normalise(self.form_class, key, raw[index], errors, self.header[index], shown=self.shown)
            if errors or value is None:
                return None
            mfield = sheets.model_field(self.model, key)
            plain = isinstance(mfield, models.CharField) and not mfield.choices
            lookup[f"{key}__iexact" if plain else key] = value
        return lookup

    # --- a new record --------------------------------------------------------------------------

    def form_data(self, raw, only=None) -> tuple[dict, list]:
        errors, data = [], {}
        for index, column in self.fields.items():
            if only is not None and column.name not in only:
                continue
            keys = (
                (column.source.accessor.split(".")[1],)
                if column.source and "." in column.source.accessor
                else ()
            )
            value = _normalise(
                self.form_class, column.name, raw[index], errors, self.header[index], keys, self.shown
            )
            if value is not None:
                data[column.name] = value
        return data, errors

    def form_errors(self, form) -> list[dict]:
        labels = {c.name: self.header[i] for i, c in self.fields.items()}
        errors = []
        for name, messages in form.errors.items():
            column = labels.get(name, name if name != "__all__" else "-")
            errors.extend({"column": column, "message": str(m)} for m in messages)
        return errors

    def refused(self, raw, obj) -> list[dict]:
        """The guarded read-only cells (ModelUI.import_guarded) the row would change."""
        errors = []
        for i, column in self.guarded.items():
            if raw[i] and raw[i] != sheets.cell_text(self.table, obj, column):
                errors.append({"column": self.header[i], "message": str(self.ui.import_guarded[column.name])})
        return errors

    def create(self, number, raw) -> RowResult:
        refused = self.refused(raw, self.model())
        if refused:
            return RowResult(number, False, errors=refused)
        data, errors = self.form_data(raw)
        if errors:
            return RowResult(number, False, errors=errors)
        form = self.form_class(data=data, user=self.user)
        if not form.is_valid():
            return RowResult(number, False, errors=self.form_errors(form))
        try:
            with transaction.atomic():
                obj = form.save(commit=False)
                obj.created_by = self.user
                obj.save()
                form.save_m2m()
        except IntegrityError as error:
            return RowResult(number, False, errors=[_clash(error)])
        self.named[obj.pk] = number
        return RowResult(number, True, label=str(obj), outcome=NEW)

    # --- an existing record --------------------------------------------------------------------

    def update(self, number, raw, obj) -> RowResult:
        refused = self.refused(raw, obj)
        if refused:
            return RowResult(number, False, label=str(obj), errors=refused)
        before = {c.name: sheets.cell_text(self.table, obj, c) for c in self.fields.values()}
        edited = {c.name for i, c in self.fields.items() if raw[i] != before[c.name]}
        if not edited:
            return RowResult(number, True, label=str(obj), outcome=UNCHANGED)
        if not permissions.can(self.user, obj, permissions.CHANGE):
            return RowResult(
                number,
                False,
                label=str(obj),
                errors=[
                    {
                        "column": "ID",
                        "message": _("Anda tidak berwenang mengubah data ini; baris ini ditolak."),
                    }
                ],
            )
        data, errors = self.form_data(raw, only=edited)
        if errors:
            return RowResult(number, False, label=str(obj), errors=errors)
        stored = stored_values(obj)
        form = self.form_class(
            data={**current_data(self.form_class, obj, self.user), **data}, instance=obj, user=self.user
        )
        if not form.is_valid():
            return RowResult(number, False, label=str(obj), errors=self.form_errors(form))
        # What the row really changes: the record's values after the form, not the form's view of
        # its fields (a reference typed as its code, a default the form fills in).
        changed = [n for n, value in stored.items() if value != stored_values(obj)[n]]
        changed += [
            n for n in form.changed_data if isinstance(form.fields[n], forms.ModelMultipleChoiceField)
        ]
        if not changed:
            return RowResult(number, True, label=str(obj), outcome=UNCHANGED)
        try:
            with transaction.atomic():
                saved = save_versioned(
                    form.save(commit=False),
                    expected_version=self.version(raw),
                    user=self.user,
                    m2m=form.save_m2m,
                )
        except (ConflictError, PermissionDenied, IntegrityError) as error:
            return RowResult(number, False, label=str(obj), errors=[_clash(error)])
        columns = {c.name: (self.header[i], c) for i, c in self.fields.items()}
        changes = [
            {
                "field": columns[n][0],
                "old": before[n],
                "new": sheets.cell_text(self.table, saved, columns[n][1]),
            }
            for n in changed
            if n in columns
        ]
        return RowResult(number, True, label=str(saved), outcome=CHANGED, changes=changes)

    def version(self, raw) -> int | None:
        text = raw.get(self.version_index, "") if self.version_index is not None else ""
        return int(text) if text.isdigit() and 0 < int(text) < 2**31 else None

    # --- records the file does not name --------------------------------------------------------

    def delete_missing(self) -> list[RowResult]:
        """Delete what the user may delete and no row names, each through the checked delete (a
        record still in use is refused with its dependants named, which fails the whole import)."""
        results = []
        missing = self.model.objects.restrict(self.user, permissions.DELETE).exclude(pk__in=list(self.named))
        for obj in missing.order_by("pk"):
            label = str(obj)
            try:
                with transaction.atomic():
                    delete_checked(obj, user=self.user)
            except (ProtectedError, PermissionDenied) as error:
                results.append(RowResult(None, False, label=label, errors=[_clash(error)], outcome=DELETED))
                continue
            results.append(RowResult(None, True, label=label, outcome=DELETED))
        return results


BOOKKEEPING = {"id", "version", "created", "last_updated", "created_by"}


def stored_values(obj) -> dict:
    """The record's own values by field name (what an update may change)."""
    return {f.name: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in BOOKKEEPING}


def current_data(form_class, obj, user) -> dict:
    """The record's stored values as its import form takes them (a row changes only the cells the
    user edited; the others keep what is stored)."""
    form = form_class(instance=obj, user=user)
    data = {"version": obj.version}
    for name, f in form.fields.items():
        if name == "version" or isinstance(f, forms.FileField):
            continue
        value = form[name].initial
        target = getattr(obj, name, None) if sheets.model_field(obj, name) is not None else None
        if isinstance(target, models.Model) and not isinstance(f, forms.ModelChoiceField):
            keys = (*getattr(type(target), "import_key_fields", ()), "code")
            value = next((getattr(target, k) for k in keys if hasattr(target, k)), str(target))
        if value is not None:
            data[name] = value
    return data


def _clash(error) -> dict:
    message = getattr(error, "message", None) or (str(error.args[0]) if getattr(error, "args", None) else "")
    if isinstance(error, IntegrityError):
        message = _("Bentrok dengan data lain: %(e)s") % {"e": error}
    elif isinstance(error, PermissionDenied) and not message:
        message = _("Anda tidak berwenang melakukan ini; baris ini ditolak.")
    return {"column": "-", "message": str(message)}


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
