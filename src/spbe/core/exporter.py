"""Export exactly what a filtered list shows: the same rows, columns, order and cell text."""

import csv
import tempfile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone


class _Echo:
    def write(self, value):
        return value


def export_csv(table, basename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"  # so spreadsheet programs read UTF-8
        yield writer.writerow(table.header())
        for row in table.iter_text_rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_name(basename)}.csv"'
    return response


def export_xlsx(table, basename: str) -> FileResponse:
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(title=basename[:31])
    sheet.append(table.header())
    for row in table.iter_text_rows():
        sheet.append(row)
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
