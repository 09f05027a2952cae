"""Export exactly what a filtered list shows: the same rows, columns, order and cell text.

Cell text is data, never a formula: a CSV cell that a spreadsheet would evaluate (it starts with
=, +, -, @, tab or carriage return) gets a leading apostrophe, and every XLSX cell is written as a
string cell, so a person named `=HYPERLINK(...)` stays a name in whatever program opens the file.
"""

import csv
import re
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"[+-]?\d+([.,]\d+)?")  # a negative number is data, not a formula


class _Echo:
    def write(self, value):
        return value


def neutralise(value) -> str:
    """A CSV cell that no spreadsheet program evaluates (OWASP "CSV injection")."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text):
        return "'" + text
    return text


def export_csv(table, basename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow([neutralise(c) for c in table.header()])
        for row in table.iter_text_rows():
            yield writer.writerow([neutralise(c) for c in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(basename)}.csv"'
    return response


def text_cells(sheet, values) -> list:
    """Write-only cells typed as strings: openpyxl would otherwise store "=..." as a formula."""
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=None if value is None else str(value))
        if cell.value is not None:
            cell.data_type = "s"
        cells.append(cell)
    return cells


def export_xlsx(table, basename: str) -> FileResponse:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=basename[:31])
    sheet.append(text_cells(sheet, table.header()))
    for row in table.iter_text_rows():
        sheet.append(text_cells(sheet, row))
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{_name(basename)}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _name(basename: str) -> str:
    return f"{basename}-{timezone.localdate().isoformat()}"
