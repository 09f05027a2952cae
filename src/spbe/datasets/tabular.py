"""Reading an uploaded tabular file (CSV, XLSX, JSON): its columns with types, a preview of the
first rows, the row count, and the basic quality checks (empty columns, duplicate keys, NIK/NIP
format of the declared key column). Bounded: a file is read in one pass, rows kept for the
preview only."""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.org.validators import validate_nip

from .choices import KeyType, ResourceFormat

PREVIEW_ROWS = 10
MAX_ROWS = 200_000
NIK_RE = re.compile(r"^\d{16}$")


@dataclass
class Reading:
    schema: list = field(default_factory=list)  # [{"name": ..., "type": ...}]
    preview: list = field(default_factory=list)  # first rows, as lists
    row_count: int = 0
    problems: list = field(default_factory=list)  # [{"code": ..., "params": {...}}]


def sha256_of(handle) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    for chunk in iter(lambda: handle.read(1 << 16), b""):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return digest.hexdigest(), size


def _type_of(values: list[str]) -> str:
    seen = [v for v in values if v not in ("", None)]
    if not seen:
        return "kosong"
    if all(re.fullmatch(r"-?\d+", str(v)) for v in seen):
        # long digit strings are identifiers (NIK, NIP), not numbers
        return "teks" if any(len(str(v).lstrip("-")) > 15 for v in seen) else "bilangan bulat"
    if all(re.fullmatch(r"-?\d+([.,]\d+)?", str(v)) for v in seen):
        return "bilangan desimal"
    if all(re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", str(v)) for v in seen):
        return "tanggal"
    return "teks"


def _rows_csv(data: bytes):
    text = data.decode("utf-8-sig", errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader, [])
    return header, reader


def _rows_xlsx(data: bytes):
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c) if c is not None else "" for c in next(rows, ())]
    return header, ([("" if c is None else str(c)) for c in row] for row in rows)


def _rows_json(data: bytes):
    payload = json.loads(data.decode("utf-8-sig"))
    if isinstance(payload, dict):  # {"data": [...]} or {"records": [...]}
        payload = next((v for v in payload.values() if isinstance(v, list)), [])
    if not isinstance(payload, list) or not all(isinstance(r, dict) for r in payload):
        raise ValidationError(_("Berkas JSON harus berisi daftar objek (satu objek per baris)."))
    header: list[str] = []
    for record in payload:
        for key in record:
            if key not in header:
                header.append(key)
    return header, ([("" if r.get(k) is None else str(r.get(k))) for k in header] for r in payload)


READERS = {ResourceFormat.CSV: _rows_csv, ResourceFormat.XLSX: _rows_xlsx, ResourceFormat.JSON: _rows_json}


def _key_problem(key_type: str, value: str) -> bool:
    if key_type == KeyType.NIK:
        return not NIK_RE.match(value)
    if key_type == KeyType.NIP:
        try:
            validate_nip(value)
        except ValidationError:
            return True
    return False


def _open(data: bytes, file_format: str):
    reader = READERS[file_format]
    try:
        return reader(data)
    except (ValueError, KeyError, OSError) as error:
        raise ValidationError(
            _("Berkas %(format)s tidak dapat dibaca: %(error)s")
            % {"format": file_format, "error": str(error)[:200]}
        ) from error
    except Exception as error:  # openpyxl raises its own errors on a damaged workbook
        raise ValidationError(_("Berkas %(format)s tidak dapat dibaca.") % {"format": file_format}) from error


@dataclass
class _Scan:
    header: list
    key_type: str
    key_column: str
    reading: Reading = field(default_factory=Reading)
    samples: list = field(default_factory=list)
    filled: list = field(default_factory=list)
    keys: set = field(default_factory=set)
    duplicates: list = field(default_factory=list)
    bad_keys: list = field(default_factory=list)

    def __post_init__(self):
        self.samples = [[] for _ in self.header]
        self.filled = [0] * len(self.header)
        self.key_index = self.header.index(self.key_column) if self.key_column in self.header else None

    def row(self, row: list) -> None:
        width = len(self.header)
        row = (list(row) + [""] * width)[:width]
        if not any(str(v).strip() for v in row):
            return
        self.reading.row_count += 1
        if len(self.reading.preview) < PREVIEW_ROWS:
            self.reading.preview.append(row)
        for i, value in enumerate(row):
            value = str(value).strip()
            if value:
                self.filled[i] += 1
                if len(self.samples[i]) < 200:
                    self.samples[i].append(value)
        if self.key_index is not None:
            self.key(str(row[self.key_index]).strip())

    def key(self, key: str) -> None:
        if key in self.keys and len(self.duplicates) < 20:
            self.duplicates.append(key)
        self.keys.add(key)
        if self.key_type in (KeyType.NIK, KeyType.NIP) and _key_problem(self.key_type, key):
            if len(self.bad_keys) < 20:
                self.bad_keys.append(key)

    def finish(self) -> Reading:
        reading, header = self.reading, self.header
        reading.schema = [{"name": name, "type": _type_of(self.samples[i])} for i, name in enumerate(header)]
        empty = [header[i] for i in range(len(header)) if self.filled[i] == 0]
        if empty:
            reading.problems.append(
                {"code": gettext_noop("Kolom kosong: %(columns)s"), "params": {"columns": ", ".join(empty)}}
            )
        if self.key_column and self.key_index is None:
            reading.problems.append(
                {
                    "code": gettext_noop("Kolom kunci %(column)s tidak ada di berkas."),
                    "params": {"column": self.key_column},
                }
            )
        if self.duplicates:
            reading.problems.append(
                {
                    "code": gettext_noop("Kunci ganda di kolom %(column)s: %(values)s"),
                    "params": {"column": self.key_column, "values": ", ".join(self.duplicates[:5])},
                }
            )
        if self.bad_keys:
            reading.problems.append(
                {
                    "code": gettext_noop("%(key)s tidak sah di kolom %(column)s: %(values)s"),
                    "params": {
                        "key": self.key_type.upper(),
                        "column": self.key_column,
                        "values": ", ".join(self.bad_keys[:5]),
                    },
                }
            )
        return reading


def read(data: bytes, file_format: str, *, key_type: str = KeyType.NONE, key_column: str = "") -> Reading:
    """Read a tabular file; raises ValidationError (in the user's language) when it cannot be read."""
    if file_format not in READERS:
        return Reading()
    header, rows = _open(data, file_format)
    header = [str(h).strip() or f"kolom_{i + 1}" for i, h in enumerate(header)]
    scan = _Scan(header, key_type, key_column)
    for row in rows:
        if scan.reading.row_count >= MAX_ROWS:
            break
        scan.row(row)
    return scan.finish()


def problem_text(problem: dict) -> str:
    return _(problem["code"]) % problem.get("params", {})
