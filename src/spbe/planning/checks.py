"""The compliance checks the planning module contributes, and the planning documents whose reviews
the generic `review_within` check looks for. Imported from wiring.connect()."""

import datetime

from django.db.models import Count, Max
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.core import checks
from spbe.core.checks import CheckType, EvidenceKind, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.models import Agency
from spbe.org.selectors import subtree_map

from . import selectors
from .choices import PLANNING_DOCUMENTS, ReviewedDocument
from .models import AgencyNeed

DOCUMENT_LIST_URLS = {
    ReviewedDocument.ARCHITECTURE: "planning:architecture_list",
    ReviewedDocument.ROADMAP: "planning:roadmap_list",
    ReviewedDocument.MASTER_PLAN: "planning:masterplan_list",
    ReviewedDocument.ICT_ROADMAP: "planning:masterplan_list",
    ReviewedDocument.BUDGET_PLAN: "planning:budgetline_list",
    ReviewedDocument.BUSINESS_PROCESS: "planning:businessprocess_list",
}


def _agency_tree(ctx: dict) -> dict[int, list[int]]:
    """agency id -> the ids of it and its sub-units (a sub-unit answers through its parent)."""
    if "planning_agency_tree" not in ctx:
        ctx["planning_agency_tree"] = subtree_map()
    return ctx["planning_agency_tree"]


def _units(subject, ctx) -> list[int] | None:
    """The agency ids a subject answers for; None for the government as a whole."""
    if subject.agency is None:
        return None
    return _agency_tree(ctx).get(subject.agency.pk, [subject.agency.pk])


def _budget_counts(government, year: int, ctx: dict) -> dict:
    """The fiscal year's budget lines per agency, read once per run."""
    key = ("planning_budget_counts", government.pk, year)
    if key not in ctx:
        ctx[key] = selectors.budget_counts(government, year)
    return ctx[key]


def _date(value) -> str:
    return formats.date_format(value, "j F Y")


@checks.register_check
class PlanningDocumentCurrent(CheckType):
    name = "planning_document_current"
    label = gettext_lazy("Dokumen perencanaan berlaku")
    depends_on = (
        "planning.Architecture",
        "planning.Roadmap",
        "planning.MasterPlan",
        "planning.BudgetLine",
        "org.Decree",
    )
    param_schema = {
        "type": "object",
        "required": ["document"],
        "additionalProperties": False,
        "properties": {"document": {"enum": [str(d) for d in PLANNING_DOCUMENTS]}},
    }

    def is_available(self, params):
        return params.get("document") in PLANNING_DOCUMENTS

    def evaluate(self, obligation, subjects, ctx):
        document = obligation.params["document"]
        year = timezone.localdate().year
        url = reverse(DOCUMENT_LIST_URLS[document])
        out = {}
        shared = None
        for subject in subjects:
            if document == ReviewedDocument.BUDGET_PLAN:
                counts = _budget_counts(subject.government, year, ctx)
                state = selectors.budget_plan_state(year, selectors.sum_counts(counts, _units(subject, ctx)))
            else:  # one document for the whole government: worked out once
                shared = shared or selectors.document_state(subject.government, document, year=year)
                state = shared
            evidence = [
                {
                    "label": str(state.obj or state.label),
                    "url": state.obj.get_absolute_url() if state.obj else url,
                }
            ]
            if state.status == "current":
                out[subject.key] = Outcome(Status.MET, state.reason, evidence)
            elif state.status == "draft":
                out[subject.key] = Outcome(
                    Status.PARTLY_MET,
                    state.reason,
                    evidence,
                    next_step=msg(
                        gettext_noop(
                            "Tetapkan dokumen dengan keputusan, lalu ubah statusnya menjadi Ditetapkan."
                        )
                    ),
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    state.reason,
                    evidence if state.obj else [{"label": state.label, "url": url}],
                    next_step=(
                        msg(gettext_noop("PD mencatat pos anggaran SPBE tahun anggaran %(y)d."), y=year)
                        if document == ReviewedDocument.BUDGET_PLAN
                        else msg(
                            gettext_noop("Catat %(doc)s yang berlaku untuk tahun %(y)d."),
                            doc=state.label,
                            y=year,
                        )
                    ),
                )
        return out


@checks.register_check
class BudgetLinesReferenceRoadmap(CheckType):
    name = "budget_lines_reference_roadmap"
    label = gettext_lazy("Anggaran SPBE merujuk peta rencana")
    depends_on = ("planning.BudgetLine", "planning.RoadmapItem")
    param_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def evaluate(self, obligation, subjects, ctx):
        year = timezone.localdate().year
        out = {}
        for subject in subjects:
            count = selectors.sum_counts(_budget_counts(subject.government, year, ctx), _units(subject, ctx))
            total, without = count.lines, count.without_roadmap
            query = f"?fiscal_year={year}" + (f"&agency={subject.agency.pk}" if subject.agency else "")
            evidence = [
                {
                    "label": msg(gettext_noop("Anggaran SPBE %(y)d"), y=year),
                    "url": reverse("planning:budgetline_list") + query,
                }
            ]
            if not total:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE,
                    msg(gettext_noop("Tidak ada pos anggaran SPBE tahun %(y)d."), y=year),
                )
            elif not without:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop(
                            "Semua %(n)d pos anggaran SPBE tahun %(y)d merujuk kegiatan peta rencana."
                        ),
                        n=total,
                        y=year,
                    )
                    if total > 1
                    else msg(
                        gettext_noop("Pos anggaran SPBE tahun %(y)d merujuk kegiatan peta rencana."), y=year
                    ),
                    evidence,
                )
            else:
                out[subject.key] = Outcome(
                    Status.PARTLY_MET if without < total else Status.UNMET,
                    msg(
                        gettext_noop(
                            "%(w)d dari %(n)d pos anggaran SPBE tahun %(y)d belum merujuk kegiatan peta rencana."
                        ),
                        w=without,
                        n=total,
                        y=year,
                    ),
                    [
                        {
                            "label": gettext_lazy("Pos tanpa kegiatan peta rencana"),
                            "url": reverse("planning:budgetline_list") + query + "&without_roadmap=true",
                        }
                    ],
                    next_step=msg(gettext_noop("Pilih kegiatan peta rencana pada setiap pos anggaran.")),
                )
        return out


@checks.register_check
class AgencyNeedsSubmitted(CheckType):
    name = "agency_needs_submitted"
    label = gettext_lazy("PD menyampaikan kebutuhan TIK")
    depends_on = ("planning.AgencyNeed",)
    param_schema = {
        "type": "object",
        "required": ["months"],
        "additionalProperties": False,
        "properties": {"months": {"type": "integer", "minimum": 1, "maximum": 120}},
    }

    def evaluate(self, obligation, subjects, ctx):
        months = int(obligation.params["months"])
        since = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
        key = "planning_needs_latest"
        if key not in ctx:
            ctx[key] = {
                row["agency_id"]: (row["last"], row["n"])
                for row in AgencyNeed.objects.order_by()
                .values("agency_id")
                .annotate(last=Max("submitted_on"), n=Count("id"))
            }
        latest = ctx[key]
        out = {}
        for subject in subjects:
            units = _units(subject, ctx)
            if units is None:
                units = list(
                    Agency._base_manager.filter(government=subject.government).values_list("pk", flat=True)
                )
            found = [latest[a] for a in units if a in latest]
            last = max((d for d, _n in found), default=None)
            query = f"?agency={subject.agency.pk}" if subject.agency else ""
            evidence = [
                {
                    "label": gettext_lazy("Kebutuhan TIK PD"),
                    "url": reverse("planning:agencyneed_list") + query,
                }
            ]
            if last is not None and last >= since:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop(
                            "%(n)d kebutuhan TIK tercatat; terakhir diajukan %(d)s (batas %(m)d bulan)."
                        ),
                        n=sum(n for _d, n in found),
                        d=last,
                        m=months,
                    ),
                    evidence,
                )
            elif last is not None:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop("Kebutuhan TIK terakhir diajukan %(d)s, lebih dari %(m)d bulan lalu."),
                        d=last,
                        m=months,
                    ),
                    evidence,
                    next_step=msg(
                        gettext_noop("PD menyampaikan kebutuhan TIK yang spesifik, terukur dan realistis.")
                    ),
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada kebutuhan TIK yang diajukan.")),
                    evidence,
                    next_step=msg(
                        gettext_noop("PD menyampaikan kebutuhan TIK yang spesifik, terukur dan realistis.")
                    ),
                )
        return out


REVIEW_DOCUMENTS = (
    # (document, label, path to the owning agency; None: reviews of a government-wide document)
    (ReviewedDocument.ARCHITECTURE, gettext_lazy("Reviu Arsitektur SPBE"), None),
    (ReviewedDocument.ROADMAP, gettext_lazy("Reviu Peta Rencana SPBE"), None),
    (ReviewedDocument.MASTER_PLAN, gettext_lazy("Reviu Rencana Induk SPBE"), None),
    (ReviewedDocument.ICT_ROADMAP, gettext_lazy("Reviu Roadmap TIK"), None),
    (ReviewedDocument.BUDGET_PLAN, gettext_lazy("Reviu Rencana dan Anggaran SPBE"), None),
    (ReviewedDocument.BUSINESS_PROCESS, gettext_lazy("Reviu proses bisnis"), "agency"),
)


def register_review_documents() -> None:
    """The planning documents `review_within` can look for: their reviews, dated by the review date."""
    for document, label, agency_field in REVIEW_DOCUMENTS:
        checks.register_review_document(
            EvidenceKind(
                str(document),
                label,
                "planning.Review",
                "date",
                agency_field,
                filter={"document": str(document)},
                list_url_name="planning:review_list",
            )
        )


register_review_documents()
checks.register_profile_values("planning_documents", PLANNING_DOCUMENTS)
