"""The compliance matrix as XLSX, and the official PDF report the ICT office sends to the head of
government (Bupati, Wali Kota or Gubernur, by the kind of government)."""

import tempfile

from django.http import FileResponse, HttpResponse
from django.utils import timezone

from spbe.org.letters import letterhead

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
        [f"Dievaluasi: {timezone.localtime(data.evaluated_at):%d-%m-%Y %H.%M}" if data.evaluated_at else ""]
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


# Permendagri 83/2022 classification code for communication and informatics affairs.
LETTER_CLASSIFICATION = "500.12"


def short_group_name(name: str) -> str:
    """A heading that fits a matrix column: "Tata Kelola dan Perencanaan" -> "Tata Kelola"."""
    short = name.split(" dan ", 1)[0]
    return short.removesuffix(" SPBE") or name


def report_context(government, user) -> dict:
    from .home import weakest_obligations

    data = selectors.matrix(government)
    government_row = next((r for r in data.rows if r["agency"] is None), None)
    agency_rows = [r for r in data.rows if r["agency"] is not None]
    # Worst first: the head of government reads who needs attention before who is doing well.
    agency_rows.sort(key=lambda r: (2 if r["total"].share is None else r["total"].share, r["label"]))

    def row(r, rank=None):
        return {
            "rank": rank,
            "label": r["label"],
            "cells": [_percent(c.share) for c in r["cells"]],
            "total": _percent(r["total"].share),
        }

    rows = [row(r, i) for i, r in enumerate(agency_rows, start=1)]
    if government_row is not None:
        rows.append(row(government_row))
    frame = letterhead(government)
    today, office = frame["today"], frame["office"]
    sequence = data.last_run.pk if data.last_run else 0
    return {
        **frame,
        "m": data,
        "groups": [{"name": g["name"], "short": short_group_name(g["name"])} for g in data.groups],
        "rows": rows,
        "overall": _percent(data.overall),
        "weakest": [{**w, "pct": _percent(w["share"])} for w in weakest_obligations(government, limit=10)],
        "number": f"{LETTER_CLASSIFICATION}/{sequence:03d}/{office.short_name if office else 'Diskominfo'}/{today.year}",
        "addressee": government.leader_title,
        "attachments": "1 (satu) berkas",
    }


REPORT_TITLE = "Laporan Kepatuhan Penyelenggaraan SPBE"


def report_document(government, user):
    """The report issued and signed through the one signing service (core/documents.py); the same
    report asked for again the same day is the registered copy."""
    from spbe.core import documents
    from spbe.core.choices import Classification

    context = report_context(government, user)
    return documents.issue_letter(
        "compliance/report.html",
        context,
        kind="compliance_report",
        title=REPORT_TITLE,
        agency=context["office"],
        classification=Classification.LIMITED,
        user=user,
        subject=government,
        location=context["place"],
    )


def report_pdf(government, user) -> HttpResponse:
    from spbe.core import documents

    document = report_document(government, user)
    response = HttpResponse(documents.read_copy(document), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="laporan-kepatuhan-spbe-{timezone.localdate()}.pdf"'
    )
    return response


ATTESTATION_DECISION_TITLE = "Keputusan atas Pernyataan Pemenuhan Kewajiban SPBE"


def attestation_decision_document(attestation, decision, user):
    """The ICT office's decision on an attestation as a signed letter to the attesting agency's head
    (the head of government for a government-level obligation). Issued when first asked for."""
    from spbe.core import documents
    from spbe.core.choices import Classification

    government = attestation.government
    frame = letterhead(government)
    office = frame["office"]
    addressee = f"Kepala {attestation.agency.name}" if attestation.agency else government.leader_title
    context = {
        **frame,
        "today": decision.decided_at.date(),
        "number": f"{LETTER_CLASSIFICATION}/K-{attestation.pk:04d}/{office.short_name if office else 'Diskominfo'}/"
        f"{decision.decided_at.year}",
        "addressee": addressee,
        "attestation": attestation,
        "regulation": attestation.obligation.regulation,
        "decision": decision,
        "accepted": decision.approved,
    }
    return documents.issue_letter(
        "compliance/attestation_decision.html",
        context,
        kind="attestation_decision",
        title=ATTESTATION_DECISION_TITLE,
        agency=attestation.agency or office,
        classification=Classification.LIMITED,
        user=user,
        subject=attestation,
        location=frame["place"],
    )
