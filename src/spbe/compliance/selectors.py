"""Reads behind the compliance dashboards: each is one or two aggregate queries."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Min, Sum

from spbe.core.checks import Status
from spbe.org.models import Agency

from .engine import top_level_agencies
from .models import ComplianceRun, ComplianceStatus, Regulation, RunSummary


def share(counts: dict) -> float | None:
    """Share met: (met + half of partly met) / applicable obligations; None when nothing applies."""
    applicable = sum(v for k, v in counts.items() if k != Status.NOT_APPLICABLE)
    if not applicable:
        return None
    return (counts.get(Status.MET, 0) + 0.5 * counts.get(Status.PARTLY_MET, 0)) / applicable


@dataclass
class Cell:
    group: str = ""
    counts: dict = field(default_factory=lambda: defaultdict(int))

    @property
    def share(self):
        return share(self.counts)

    @property
    def total(self):
        return sum(self.counts.values())


@dataclass
class Matrix:
    regulation: Regulation | None
    groups: list[dict]
    rows: list[dict]
    overall: float | None
    evaluated_at: object
    stale: int
    last_run: ComplianceRun | None


def _current(government):
    regulation = Regulation.objects.filter(code=government.regulation).first()
    qs = ComplianceStatus.objects.filter(
        government=government, obligation__regulation=regulation, obligation__retired=False
    ).exclude(obligation__check_type="note")  # a result left from before an obligation became a note
    return regulation, qs


def matrix(government) -> Matrix:
    regulation, qs = _current(government)
    groups = regulation.groups if regulation else []
    cells: dict = defaultdict(lambda: defaultdict(Cell))
    totals: dict = defaultdict(Cell)
    overall = Cell()
    for row in qs.values("agency_id", "obligation__group", "status").annotate(n=Count("id")).order_by():
        cell = cells[row["agency_id"]][row["obligation__group"]]
        cell.counts[row["status"]] += row["n"]
        totals[row["agency_id"]].counts[row["status"]] += row["n"]
        overall.counts[row["status"]] += row["n"]
    stamp = qs.aggregate(oldest=Min("evaluated_at"), newest=Max("evaluated_at"))

    def row_cells(key):
        return [Cell(g["id"], cells[key][g["id"]].counts) for g in groups]

    rows = [{"agency": None, "label": government.name, "cells": row_cells(None), "total": totals[None]}]
    for agency in top_level_agencies(government):
        rows.append(
            {
                "agency": agency,
                "label": agency.name,
                "cells": row_cells(agency.pk),
                "total": totals[agency.pk],
            }
        )
    return Matrix(
        regulation=regulation,
        groups=groups,
        rows=rows,
        overall=overall.share,
        evaluated_at=stamp["oldest"],
        stale=qs.filter(stale=True).count(),
        last_run=ComplianceRun.objects.filter(government=government, finished__isnull=False).first(),
    )


def _article_order(label: str) -> tuple:
    """5 < 5A < 6 < 12-14; the annex last."""
    digits = "".join(c for c in label.split("-")[0] if c.isdigit())
    return (int(digits) if digits else 10**6, label)


def worst_articles(government, limit: int = 10) -> list[dict]:
    _regulation, qs = _current(government)
    per_article: dict = defaultdict(lambda: defaultdict(int))
    for row in qs.values("obligation__article_label", "status").annotate(n=Count("id")).order_by():
        per_article[row["obligation__article_label"]][row["status"]] += row["n"]
    ranked = []
    for article, counts in per_article.items():
        value = share(counts)
        if value is not None:
            unmet = counts.get(Status.UNMET, 0) + counts.get(Status.AWAITING_ATTESTATION, 0)
            ranked.append({"article": article, "share": value, "unmet": unmet, "total": sum(counts.values())})
    ranked.sort(key=lambda r: (r["share"], -r["unmet"], _article_order(r["article"])))
    return ranked[:limit]


def trend(government) -> list[dict]:
    """Overall share met at the end of each full run, oldest first."""
    rows = (
        RunSummary.objects.filter(run__government=government, run__finished__isnull=False)
        .values("run_id", "run__finished")
        .annotate(
            met=Sum("met"),
            partly=Sum("partly_met"),
            unmet=Sum("unmet"),
            awaiting=Sum("awaiting"),
            na=Sum("not_applicable"),
        )
        .order_by("run__finished")
    )
    points = []
    for row in rows:
        counts = {
            Status.MET: row["met"],
            Status.PARTLY_MET: row["partly"],
            Status.UNMET: row["unmet"],
            Status.AWAITING_ATTESTATION: row["awaiting"],
            Status.NOT_APPLICABLE: row["na"],
        }
        points.append({"at": row["run__finished"], "share": share(counts)})
    return points


def agency_statuses(government, agency: Agency | None):
    _regulation, qs = _current(government)
    qs = qs.filter(agency=agency) if agency is not None else qs.filter(agency__isnull=True)
    return qs.select_related("obligation").order_by("obligation__position")


def article_statuses(government, article: str):
    """One article as cited ("5", "5A", "12-14", "Lampiran"): an inserted article is its own page."""
    _regulation, qs = _current(government)
    return (
        qs.filter(obligation__article_label=article)
        .select_related("obligation", "agency")
        .order_by("obligation__position", "agency__name")
    )


def profile_parameters(government) -> dict:
    """The chosen regulation profile's parameters (where regulations differ); {} when none is chosen.

    Other modules read regulation-dependent rules through this: the documents an application
    needs, whether an agency may host servers, the open-source policy, who grants a subdomain.
    """
    regulation = Regulation.objects.filter(code=government.regulation).only("parameters").first()
    return dict(regulation.parameters) if regulation else {}


def active_regulation(government) -> Regulation | None:
    return Regulation.objects.filter(code=government.regulation).first()
