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
from django.utils.translation import gettext as _

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
    choices = table.choices() if hasattr(table, "choices") else []
    if choices:
        add_choices(workbook, sheet, choices)
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{_name(basename)}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def add_choices(workbook, sheet, choices: list[tuple[int, str, list[str]]]) -> None:
    """A sheet listing each choice column's allowed values, and a drop-down on each such column of
    the data sheet that offers exactly those values (what the importer accepts as labels)."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    title = str(_("Pilihan"))
    listing = workbook.create_sheet(title=title)
    longest = max(len(values) for _i, _h, values in choices)
    listing.append(text_cells(listing, [header for _i, header, _v in choices]))
    for n in range(longest):
        listing.append(
            text_cells(listing, [values[n] if n < len(values) else None for _i, _h, values in choices])
        )
    for position, (index, header, values) in enumerate(choices, start=1):
        source = get_column_letter(position)
        target = get_column_letter(index + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'{title}'!${source}$2:${source}${len(values) + 1}",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=header[:32],
            error=str(_("Pilih salah satu nilai pada lembar %(sheet)s.") % {"sheet": title})[:255],
        )
        validation.add(f"{target}2:{target}1048576")
        sheet.data_validations.append(validation)


def _name(basename: str) -> str:
    return f"{basename}-{timezone.localdate().isoformat()}"
