"""Reads shared by the planning pages, the compliance checks and other modules."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_noop

from spbe.core.checks import message as msg

from .choices import PLANNING_DOCUMENTS, DocumentStatus, MasterPlanKind, ReviewedDocument, RoadmapArea
from .models import Architecture, BudgetLine, MasterPlan, Roadmap


def government_of(user):
    """The user's government (org.selectors keeps the one rule)."""
    from spbe.org.selectors import government_of as org_government_of

    return org_government_of(user)


def required_documents(government) -> list[str]:
    """The planning documents the government's regulation requires (profile `planning_documents`)."""
    from spbe.compliance.selectors import profile_parameters

    wanted = profile_parameters(government).get("planning_documents") or []
    return [d for d in wanted if d in PLANNING_DOCUMENTS]


def document_label(document: str) -> str:
    return str(ReviewedDocument(document).label)


def document_queryset(document: str):
    """The records a planning document is kept as (budget plans are budget lines)."""
    if document == ReviewedDocument.ARCHITECTURE:
        return Architecture.objects.all()
    if document == ReviewedDocument.ROADMAP:
        return Roadmap.objects.all()
    if document in (ReviewedDocument.MASTER_PLAN, ReviewedDocument.ICT_ROADMAP):
        return MasterPlan.objects.filter(kind__in=MasterPlanKind.kinds_of(document))
    raise ValueError(document)


@dataclass
class DocumentState:
    """Whether a planning document is current: set, and covering the year."""

    document: str
    label: str
    status: str  # "current", "draft", "expired", "missing"
    obj: object = None
    reason: object = ""  # a core.checks.Message (rendered in the reader's language) or text
    lines: int = 0
    planned: Decimal = Decimal(0)

    @property
    def is_current(self) -> bool:
        return self.status == "current"


@dataclass
class BudgetCount:
    lines: int = 0
    without_roadmap: int = 0
    planned: Decimal = Decimal(0)


def budget_counts(government, year: int) -> dict[int, BudgetCount]:
    """Budget lines of one fiscal year per agency of the government (one grouped query)."""
    rows = (
        BudgetLine.objects.filter(agency__government=government, fiscal_year=year)
        .order_by()
        .values("agency_id")
        .annotate(
            n=Count("id"), without=Count("id", filter=Q(roadmap_item__isnull=True)), planned=Sum("planned")
        )
    )
    return {r["agency_id"]: BudgetCount(r["n"], r["without"], r["planned"] or Decimal(0)) for r in rows}


def sum_counts(counts: dict[int, BudgetCount], agency_ids=None) -> BudgetCount:
    total = BudgetCount()
    for agency_id, count in counts.items():
        if agency_ids is None or agency_id in agency_ids:
            total.lines += count.lines
            total.without_roadmap += count.without_roadmap
            total.planned += count.planned
    return total


def budget_plan_state(year: int, count: BudgetCount) -> "DocumentState":
    """A budget plan is current when budget lines exist for the fiscal year."""
    label = document_label(ReviewedDocument.BUDGET_PLAN)
    if count.lines:
        return DocumentState(
            ReviewedDocument.BUDGET_PLAN,
            label,
            "current",
            reason=msg(
                gettext_noop("%(n)d pos anggaran SPBE tahun %(y)d, pagu Rp %(p)s."),
                n=count.lines,
                y=year,
                p=rupiah(count.planned),
            ),
            lines=count.lines,
            planned=count.planned,
        )
    return DocumentState(
        ReviewedDocument.BUDGET_PLAN,
        label,
        "missing",
        reason=msg(gettext_noop("Belum ada pos anggaran SPBE untuk tahun anggaran %(y)d."), y=year),
    )


def document_state(government, document: str, *, year: int | None = None, agency_ids=None) -> DocumentState:
    """The state of one planning document for `year` (the current one by default).

    A budget plan is current when budget lines exist for the fiscal year (of the given agencies, or
    of any agency of the government). Every other document is current when one is set (ditetapkan)
    and its period covers the year; a draft covering the year, or a set one whose period ended, is
    reported as such.
    """
    year = year or timezone.localdate().year
    label = document_label(document)
    if document == ReviewedDocument.BUDGET_PLAN:
        return budget_plan_state(year, sum_counts(budget_counts(government, year), agency_ids))
    docs = list(
        document_queryset(document)
        .filter(government=government)
        .exclude(status=DocumentStatus.SUPERSEDED)
        .select_related("decree")
        .order_by("-end_year", "-pk")
    )
    covering = [d for d in docs if d.covers(year)]
    current = next((d for d in covering if d.status == DocumentStatus.SET), None)
    if current is not None:
        decree = (
            msg(gettext_noop(" ditetapkan dengan %(d)s"), d=current.decree.number)
            if current.decree_id
            else ""
        )
        return DocumentState(
            document,
            label,
            "current",
            current,
            msg(
                gettext_noop("%(doc)s periode %(a)d-%(b)d%(decree)s."),
                doc=current.title,
                a=current.start_year,
                b=current.end_year,
                decree=decree,
            ),
        )
    if covering:
        draft = covering[0]
        return DocumentState(
            document,
            label,
            "draft",
            draft,
            msg(
                gettext_noop("%(doc)s periode %(a)d-%(b)d masih rancangan, belum ditetapkan."),
                doc=draft.title,
                a=draft.start_year,
                b=draft.end_year,
            ),
        )
    if docs:
        last = docs[0]
        return DocumentState(
            document,
            label,
            "expired",
            last,
            msg(
                gettext_noop("%(doc)s hanya berlaku %(a)d-%(b)d; belum ada untuk tahun %(y)d."),
                doc=last.title,
                a=last.start_year,
                b=last.end_year,
                y=year,
            ),
        )
    return DocumentState(
        document, label, "missing", reason=msg(gettext_noop("Belum ada %(doc)s yang tercatat."), doc=label)
    )


def rupiah(value) -> str:
    """1234567 -> '1.234.567' (Indonesian thousands separator)."""
    return f"{int(value or 0):,}".replace(",", ".")


@dataclass
class MatrixCell:
    items: list = field(default_factory=list)


def roadmap_matrix(roadmap, items) -> dict:
    """Years (columns) x the seven roadmap areas (rows) of Parigi Moutong Pasal 6 ayat (1)."""
    years = list(range(roadmap.start_year, roadmap.end_year + 1))
    cells: dict = defaultdict(list)
    for item in items:
        cells[(item.area, item.year)].append(item)
    rows = []
    for area, label in RoadmapArea.choices:
        row_cells = [cells.get((area, year), []) for year in years]
        rows.append(
            {"area": area, "label": label, "cells": row_cells, "total": sum(len(c) for c in row_cells)}
        )
    per_year = [sum(len(cells.get((a, y), [])) for a in RoadmapArea.values) for y in years]
    return {"years": years, "rows": rows, "per_year": per_year}


@dataclass
class BudgetTotals:
    planned: Decimal = Decimal(0)
    realised: Decimal = Decimal(0)
    lines: int = 0
    without_roadmap: int = 0

    @property
    def share_realised(self) -> float | None:
        return float(self.realised / self.planned) if self.planned else None

    def add(self, row) -> None:
        self.planned += row["planned"] or 0
        self.realised += row["realised"] or 0
        self.lines += row["n"]
        self.without_roadmap += row["without"]


def budget_summary(queryset) -> dict:
    """Totals of budget lines per fiscal year, per agency within the year and per funding source
    (one grouped query over the already restricted and filtered lines)."""
    from spbe.org.models import Agency

    from .choices import FundingSource

    rows = (
        queryset.order_by()
        .values("fiscal_year", "agency_id", "funding_source")
        .annotate(
            planned=Sum("planned"),
            realised=Sum("realised"),
            n=Count("id"),
            without=Count("id", filter=Q(roadmap_item__isnull=True)),
        )
    )
    years: dict = defaultdict(BudgetTotals)
    agencies: dict = defaultdict(BudgetTotals)
    sources: dict = defaultdict(BudgetTotals)
    year_sources: dict = defaultdict(BudgetTotals)
    total = BudgetTotals()
    for row in rows:
        years[row["fiscal_year"]].add(row)
        agencies[(row["fiscal_year"], row["agency_id"])].add(row)
        sources[row["funding_source"]].add(row)
        year_sources[(row["fiscal_year"], row["funding_source"])].add(row)
        total.add(row)
    names = dict(
        Agency._base_manager.filter(pk__in={a for _y, a in agencies}).values_list("pk", "short_name")
    )
    source_labels = dict(FundingSource.choices)
    by_year = []
    for year in sorted(years, reverse=True):
        by_year.append(
            {
                "year": year,
                "totals": years[year],
                "agencies": sorted(
                    (
                        {"agency_id": a, "name": names.get(a, a), "totals": t}
                        for (y, a), t in agencies.items()
                        if y == year
                    ),
                    key=lambda r: (-r["totals"].planned, str(r["name"])),
                ),
                "sources": [
                    {"source": s, "label": source_labels.get(s, s), "totals": t}
                    for (y, s), t in sorted(year_sources.items(), key=lambda kv: -kv[1].planned)
                    if y == year
                ],
            }
        )
    return {
        "years": by_year,
        "sources": [
            {"source": s, "label": source_labels.get(s, s), "totals": t}
            for s, t in sorted(sources.items(), key=lambda kv: -kv[1].planned)
        ],
        "total": total,
    }
