from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import audit, permissions
from spbe.core.errors import DomainError
from spbe.core.ui import ModelUI, Nav, Related, register_action, register_tab
from spbe.core.views.objects import filtered_list

from . import api, exports, filtersets, forms, references, selectors, serializers, services, tables
from .choices import ArchitectureDomain, NeedStatus, ReferenceKind, ReviewedDocument
from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    MasterPlan,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)


def _domain_items(domain):
    return Related(
        ArchitectureDomain(domain).label,
        lambda arch: arch.items.filter(domain=domain),
        tables.ArchitectureItemTable,
        add_url=lambda arch: (
            reverse("planning:architectureitem_add") + f"?architecture={arch.pk}&domain={domain}"
        ),
    )


def _reviews(field):
    return Related(
        gettext_lazy("Reviu"),
        lambda obj: Review.objects.filter(**{field: obj}),
        tables.ReviewTable,
        add_url=lambda obj: reverse("planning:review_add") + f"?{field}={obj.pk}",
    )


class PlanningUI(ModelUI):
    """Planning pages: forms propose the user's government and limit choices (PlanningModelForm)."""

    form = forms.PlanningModelForm


class ReferenceModelUI(PlanningUI):
    model = ReferenceModel
    natural_key = ("government", "kind", "code")
    path = "references"
    table = tables.ReferenceModelTable
    filterset = filtersets.ReferenceModelFilterSet
    fields = ("government", "kind", "code", "name", "level", "parent")
    related = (
        Related(gettext_lazy("Kode di bawahnya"), lambda ref: ref.children.all(), tables.ReferenceModelTable),
        Related(
            gettext_lazy("Elemen arsitektur yang mengikutinya"),
            lambda ref: ref.items.all(),
            tables.ArchitectureItemTable,
        ),
    )


class ArchitectureUI(PlanningUI):
    model = Architecture
    path = "architectures"
    nav = Nav("planning", gettext_lazy("Arsitektur SPBE"), 1)
    table = tables.ArchitectureTable
    filterset = filtersets.ArchitectureFilterSet
    fields = ("government", "title", "start_year", "end_year", "status", "decree", "description")
    importable = False
    related = (*(_domain_items(d) for d in ArchitectureDomain.values), _reviews("architecture"))


register_action(
    Architecture,
    "sia-export",
    gettext_lazy("Ekspor SIA SPBE (XLSX)"),
    lambda architecture: reverse("planning:architecture_sia_export", args=[architecture.pk]),
)


class ArchitectureItemUI(PlanningUI):
    model = ArchitectureItem
    natural_key = ("architecture", "domain", "code")
    path = "architecture-items"
    table = tables.ArchitectureItemTable
    filterset = filtersets.ArchitectureItemFilterSet
    fields = (
        "architecture",
        "domain",
        "code",
        "name",
        "description",
        "reference",
        "level",
        "parent",
        "agency",
        "sia_fields",
    )
    form = forms.ArchitectureItemForm  # SIA metadata as "Kolom: isi" lines
    import_form = forms.ArchitectureItemImportForm  # the reference as its code
    detail_template = "planning/architectureitem_detail.html"
    detail_fields = fields[:-1]  # the template shows the SIA metadata itself
    related = (
        Related(
            gettext_lazy("Elemen di bawahnya"), lambda item: item.children.all(), tables.ArchitectureItemTable
        ),
    )


class RoadmapUI(PlanningUI):
    model = Roadmap
    path = "roadmaps"
    nav = Nav("planning", gettext_lazy("Peta Rencana SPBE"), 2)
    table = tables.RoadmapTable
    filterset = filtersets.RoadmapFilterSet
    fields = ("government", "architecture", "title", "start_year", "end_year", "status", "decree")
    importable = False
    related = (
        Related(
            gettext_lazy("Program dan kegiatan"),
            lambda roadmap: roadmap.items.all(),
            tables.RoadmapItemTable,
            add_url=lambda roadmap: reverse("planning:roadmapitem_add") + f"?roadmap={roadmap.pk}",
        ),
        _reviews("roadmap"),
    )


class RoadmapItemUI(PlanningUI):
    model = RoadmapItem
    path = "roadmap-items"
    table = tables.RoadmapItemTable
    filterset = filtersets.RoadmapItemFilterSet
    fields = ("roadmap", "area", "year", "programme", "activity", "agency", "target", "status", "progress")
    related = (
        Related(
            gettext_lazy("Anggaran yang merujuknya"),
            lambda item: item.budget_lines.all(),
            tables.BudgetLineTable,
            add_url=lambda item: (
                reverse("planning:budgetline_add") + f"?roadmap_item={item.pk}&fiscal_year={item.year}"
            ),
        ),
        Related(
            gettext_lazy("Kebutuhan PD yang dikonsolidasikan"),
            lambda item: item.needs.all(),
            tables.AgencyNeedTable,
        ),
    )


class MasterPlanUI(PlanningUI):
    model = MasterPlan
    path = "master-plans"
    nav = Nav("planning", gettext_lazy("Rencana induk / roadmap TIK"), 3)
    table = tables.MasterPlanTable
    filterset = filtersets.MasterPlanFilterSet
    fields = ("government", "kind", "title", "start_year", "end_year", "status", "decree", "summary")
    importable = False
    related = (_reviews("master_plan"),)


class BudgetLineUI(PlanningUI):
    model = BudgetLine
    path = "budget-lines"
    nav = Nav("planning", gettext_lazy("Anggaran SPBE"), 4)
    table = tables.BudgetLineTable
    filterset = filtersets.BudgetLineFilterSet
    fields = (
        "agency",
        "fiscal_year",
        "title",
        "purpose",
        "funding_source",
        "planned",
        "realised",
        "roadmap_item",
        "notes",
    )
    form = forms.BudgetLineForm  # the budget sheets' own headers on import


class ServiceUI(PlanningUI):
    model = Service
    path = "services"
    nav = Nav("planning", gettext_lazy("Layanan SPBE"), 7)
    table = tables.ServiceTable
    filterset = filtersets.ServiceFilterSet
    fields = ("agency", "name", "kind", "area", "description", "users", "integration_status", "reference")
    import_form = forms.ServiceImportForm  # the reference as its code
    related = (
        Related(
            gettext_lazy("Proses bisnis yang menghasilkannya"),
            lambda service: service.business_processes.all(),
            tables.BusinessProcessTable,
        ),
    )


class BusinessProcessUI(PlanningUI):
    model = BusinessProcess
    natural_key = ("agency", "code")
    path = "business-processes"
    nav = Nav("planning", gettext_lazy("Proses bisnis"), 6)
    table = tables.BusinessProcessTable
    filterset = filtersets.BusinessProcessFilterSet
    fields = ("agency", "code", "name", "description", "steps", "services", "reference", "decree")
    import_form = forms.BusinessProcessImportForm  # the reference as its code
    detail_template = "planning/businessprocess_detail.html"
    related = (
        Related(
            gettext_lazy("Layanan yang dihasilkan"),
            lambda process: process.services.all(),
            tables.ServiceTable,
        ),
        Related(
            gettext_lazy("Reviu"),
            lambda process: process.reviews.all(),
            tables.ReviewTable,
            add_url=lambda process: (
                reverse("planning:review_add")
                + f"?document=business_process&business_process={process.pk}&agency={process.agency_id}"
            ),
        ),
    )


class ReviewUI(PlanningUI):
    model = Review
    path = "reviews"
    nav = Nav("planning", gettext_lazy("Reviu dokumen"), 9)
    table = tables.ReviewTable
    filterset = filtersets.ReviewFilterSet
    fields = (
        "government",
        "document",
        "architecture",
        "roadmap",
        "master_plan",
        "business_process",
        "agency",
        "date",
        "reasons",
        "outcome",
        "follow_up",
        "decree",
    )
    form = forms.ReviewForm  # reasons as ticks; a process review takes the process's agency
    serializer = serializers.ReviewSerializer  # reasons as a list of codes
    detail_template = "planning/review_detail.html"
    detail_fields = tuple(name for name in fields if name != "reasons")  # the template lists them


class AgencyNeedUI(PlanningUI):
    model = AgencyNeed
    path = "agency-needs"
    nav = Nav("planning", gettext_lazy("Kebutuhan TIK PD"), 8)
    table = tables.AgencyNeedTable
    filterset = filtersets.AgencyNeedFilterSet
    fields = (
        "agency",
        "title",
        "reason",
        "quantity",
        "unit",
        "target_year",
        "estimated_cost",
        "submitted_on",
        "status",
        "roadmap_item",
        "ict_office_note",
    )
    # Set by the ICT office through the consolidation action, never by a plain write.
    read_only_fields = ("status", "roadmap_item", "ict_office_note")
    api_viewset = staticmethod(api.agency_need_viewset)  # adds the consolidate action
    detail_template = "planning/agencyneed_detail.html"


def _require_role(request):
    if not permissions.roles_of(request.user):
        raise PermissionDenied


@login_required
def overview(request):
    """The planning landing page: the documents the government's regulation requires, whether each
    is current, and where to act."""
    _require_role(request)
    government = selectors.government_of(request.user)
    year = timezone.localdate().year
    required = selectors.required_documents(government) if government else []
    documents = []
    for document, url_name in (
        (ReviewedDocument.ARCHITECTURE, "planning:architecture_list"),
        (ReviewedDocument.ROADMAP, "planning:roadmap_list"),
        (ReviewedDocument.MASTER_PLAN, "planning:masterplan_list"),
        (ReviewedDocument.ICT_ROADMAP, "planning:masterplan_list"),
        (ReviewedDocument.BUDGET_PLAN, "planning:budgetline_list"),
    ):
        state = selectors.document_state(government, document, year=year) if government else None
        documents.append(
            {
                "document": document,
                "label": ReviewedDocument(document).label,
                "required": document in required,
                "state": state,
                "url": reverse(url_name),
            }
        )
    shown = [d for d in documents if d["required"] or (d["state"] and d["state"].status != "missing")]
    others = [d for d in documents if d not in shown]
    user = request.user
    needs = AgencyNeed.objects.restrict(user).values("status").annotate(n=Count("id")).order_by()
    need_counts = {row["status"]: row["n"] for row in needs}
    context = {
        "government": government,
        "regulation_required": required,
        "year": year,
        "documents": shown,
        "other_documents": others,
        "counts": {
            "processes": BusinessProcess.objects.restrict(user).count(),
            "services": Service.objects.restrict(user).count(),
            "needs_waiting": need_counts.get(NeedStatus.SUBMITTED, 0),
            "needs_total": sum(need_counts.values()),
        },
        "may_consolidate": services.may_consolidate(user),
        "regulation": _regulation_name(government),
    }
    return render(request, "planning/overview.html", context)


def _regulation_name(government):
    if government is None or not government.regulation:
        return ""
    from spbe.compliance.selectors import active_regulation

    regulation = active_regulation(government)
    return str(regulation) if regulation else government.regulation


@register_tab(Roadmap, "matrix", gettext_lazy("Tahun × area"))
def roadmap_matrix(request, roadmap, shell):
    """Years x the seven roadmap areas, each cell the programmes and activities planned there."""
    items = (
        RoadmapItem.objects.restrict(request.user)
        .filter(roadmap=roadmap)
        .select_related("agency")
        .order_by("year", "area", "programme", "activity")
    )
    return shell.render("planning/roadmap_matrix.html", {"matrix": selectors.roadmap_matrix(roadmap, items)})


@login_required
def budget_summary(request):
    """Totals per fiscal year, agency and funding source of exactly the lines the list shows."""
    _require_role(request)
    filterset, queryset, _table, _sort = filtered_list(BudgetLineUI, request)
    return render(
        request,
        "planning/budget_summary.html",
        {
            "summary": selectors.budget_summary(queryset),
            "filterset": filterset,
            "querystring": request.GET.urlencode(),
            "list_url": reverse("planning:budgetline_list"),
        },
    )


@login_required
def architecture_sia_export(request, pk):
    architecture = get_object_or_404(Architecture.objects.restrict(request.user), pk=pk)
    audit.record_event("planning.architecture.exported", architecture, message="SIA SPBE XLSX")
    return exports.architecture_xlsx(architecture, request.user)


@register_tab(
    AgencyNeed,
    "decide",
    gettext_lazy("Konsolidasi"),
    check=lambda user, need: services.may_consolidate(user),
)
def need_decide(request, need, shell):
    """The ICT office consolidates a need into a roadmap activity, or defers or declines it."""
    form = forms.ConsolidateForm(request.POST or None, need=need)
    if request.method == "POST":
        action = request.POST.get("action", "consolidate")
        try:
            if action == "consolidate":
                if form.is_valid():
                    services.agency_need_consolidate(
                        need=need,
                        roadmap_item=form.cleaned_data["roadmap_item"],
                        user=request.user,
                        note=form.cleaned_data["note"],
                    )
                    messages.success(request, _("Kebutuhan dikonsolidasikan ke peta rencana."))
                    return redirect(need.get_absolute_url())
            elif action in ("defer", "reject"):
                decide = services.agency_need_defer if action == "defer" else services.agency_need_reject
                decide(need=need, user=request.user, note=request.POST.get("note", ""))
                messages.success(
                    request, _("Kebutuhan ditunda.") if action == "defer" else _("Kebutuhan tidak disetujui.")
                )
                return redirect(need.get_absolute_url())
        except DomainError as error:
            form.add_error(None, error.message)
    return shell.render(
        "planning/need_decide.html", {"form": form}, status=400 if request.method == "POST" else 200
    )


@login_required
def reference_overview(request):
    """The national reference codes: how many of each kind are shipped against the national count,
    and the crosswalk from the regency's government affairs (UU 23/2014) to RAB codes."""
    _require_role(request)
    counts = {
        (row["kind"], row["level"]): row["n"]
        for row in ReferenceModel.objects.filter(government__isnull=True)
        .values("kind", "level")
        .annotate(n=Count("id"))
        .order_by()
    }
    info = references.kind_info()
    kinds = []
    for kind, label in ReferenceKind.choices:
        meta = info.get(kind)
        levels = []
        for level in (1, 2):
            expected = meta.expected.get(level) if meta else None
            have = counts.get((kind, level), 0)
            levels.append(
                {
                    "level": level,
                    "have": have,
                    "expected": expected,
                    "missing": max((expected or 0) - have, 0),
                }
            )
        kinds.append(
            {
                "kind": kind,
                "label": label,
                "official": meta.official_codes if meta else False,
                "levels": levels,
            }
        )
    rab = {
        code: (pk, name)
        for pk, code, name in ReferenceModel.objects.filter(
            government__isnull=True, kind=ReferenceKind.BUSINESS
        ).values_list("pk", "code", "name")
    }
    rows = []
    for row in references.crosswalk():
        row["codes"] = [
            {"code": c, "pk": rab.get(c, (None, ""))[0], "name": rab.get(c, (None, ""))[1]}
            for c in row["rab"]
        ]
        rows.append(row)
    return render(request, "planning/references.html", {"kinds": kinds, "crosswalk": rows})
