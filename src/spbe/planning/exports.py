"""The architecture in the shape of the national architecture portal (SIA SPBE): one sheet per domain,
the portal's field names as columns, and each element's reference path down to level 7."""

import tempfile

from django.db.models import Q
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify

from . import sia
from .choices import DOMAIN_REFERENCE, ArchitectureDomain
from .models import ArchitectureItem, ReferenceModel

# Where a SIA field has no value of its own, what the platform already knows fills it.
DERIVED = {
    "Uraian": lambda item: item.description or item.name,
    "Uraian/Deskripsi": lambda item: item.description or item.name,
    "Wali Data": lambda item: item.agency.name if item.agency_id else "",
    "Unit Pelaksana": lambda item: item.agency.name if item.agency_id else "",
}


def _path(node, parent_of) -> list:
    """The node and its ancestors, each once (a damaged tree cannot loop forever)."""
    path, seen = [], set()
    while node is not None and node.pk not in seen:
        seen.add(node.pk)
        path.append(node)
        node = parent_of(node)
    return path


def sheet_rows(architecture, domain: str, user=None) -> tuple[list[str], list[list]]:
    """The header and rows of one domain's sheet (a constant number of queries per sheet)."""
    kind = DOMAIN_REFERENCE[domain]
    items = ArchitectureItem.objects.filter(architecture=architecture, domain=domain)
    if user is not None:
        items = items.restrict(user)
    items = list(items.select_related("agency").order_by("level", "code"))
    by_id = {item.pk: item for item in items}
    references = {
        r.pk: r
        for r in ReferenceModel.objects.filter(kind=kind).filter(
            Q(government__isnull=True) | Q(government_id=architecture.government_id)
        )
    }
    columns = sia.sheet_columns(domain, kind)
    fields = sia.fields_for(domain)
    rows = []
    for item in items:
        levels: dict[int, str] = {}
        for ref in _path(references.get(item.reference_id), lambda r: references.get(r.parent_id)):
            levels[ref.level] = f"{ref.code} {ref.name}"
        for node in _path(item, lambda i: by_id.get(i.parent_id)):
            levels[node.level] = f"{node.code} {node.name}"
        values = dict(item.sia_fields or {})
        row = [item.code, item.name]
        for name in fields:
            value = values.get(name)
            if (value is None or value == "") and name in DERIVED:
                value = DERIVED[name](item)
            row.append("" if value is None else value)
        row += [levels.get(level, "") for level in sia.REFERENCE_LEVELS]
        row.append(item.agency.name if item.agency_id else "")
        rows.append(row)
    return columns, rows


def architecture_xlsx(architecture, user=None) -> FileResponse:
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for domain in ArchitectureDomain.values:
        header, rows = sheet_rows(architecture, domain, user)
        sheet = workbook.create_sheet(title=sia.SHEET_TITLES[domain])
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        sheet.freeze_panes = "B2"
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    name = slugify(f"sia-spbe-{architecture.title}-{architecture.start_year}-{architecture.end_year}")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{name}-{timezone.localdate().isoformat()}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
