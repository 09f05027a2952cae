"""The compliance matrix as XLSX, and the official PDF report the ICT office sends to the Bupati."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from . import selectors


def _percent(value) -> str:
    return "-" if value is None else f"{round(100 * value)}%"


def matrix_xlsx(government) -> FileResponse:
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    data = selectors.matrix(government)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Matriks kepatuhan"
    sheet.append([f"Kepatuhan {government.name} terhadap {data.regulation}"])
    sheet.append(
        [f"Dievaluasi: {timezone.localtime(data.evaluated_at):%d-%m-%Y %H:%M}" if data.evaluated_at else ""]
    )
    sheet.append(["Perangkat daerah", *[g["name"] for g in data.groups], "Keseluruhan"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for row in data.rows:
        values = [row["label"], *[c.share for c in row["cells"]], row["total"].share]
        sheet.append([values[0], *[(round(v, 4) if v is not None else None) for v in values[1:]]])
        for cell in sheet[sheet.max_row][1:]:
            cell.number_format = "0%"
            if cell.value is not None:
                colour = "C6EFCE" if cell.value >= 0.8 else "FFEB9C" if cell.value >= 0.5 else "FFC7CE"
                cell.fill = PatternFill("solid", fgColor=colour)
    sheet.column_dimensions["A"].width = 60
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"matriks-kepatuhan-{timezone.localdate()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def report_html(government, user) -> str:
    data = selectors.matrix(government)
    return render_to_string(
        "compliance/report.html",
        {
            "government": government,
            "m": data,
            "worst": [{**w, "pct": _percent(w["share"])} for w in selectors.worst_articles(government)],
            "today": timezone.localdate(),
            "user": user,
            "rows": [
                {
                    "label": r["label"],
                    "cells": [_percent(c.share) for c in r["cells"]],
                    "total": _percent(r["total"].share),
                }
                for r in data.rows
            ],
            "overall": _percent(data.overall),
        },
    )


def report_pdf(government, user) -> HttpResponse:
    import weasyprint

    pdf = weasyprint.HTML(string=report_html(government, user)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-kepatuhan-spbe-{timezone.localdate()}.pdf"'
    )
    return response
