from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import people, permissions
from spbe.core.errors import DomainError
from spbe.core.ui import ModelUI, Nav, Related, register_panel, register_related_panel, register_tab

from . import api, filtersets, forms, guideline, selectors, services, tables
from .choices import Impact, Likelihood, RiskLevel, TicketKind, TicketStatus
from .models import (
    CalendarDay,
    ChangeRequest,
    Competency,
    CompetencyNeed,
    CompetencyStandard,
    DevelopmentRecord,
    IctStaff,
    InboundMail,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    KnowledgeTransfer,
    Problem,
    Risk,
    RiskAppetite,
    RiskContext,
    RiskCriterion,
    RiskMonitoring,
    RiskTreatment,
    ServiceLevel,
    Ticket,
)

# --- service desk -----------------------------------------------------------------------------


class TicketUI(ModelUI):
    """Tickets change only through the workflow (services.ticket_*): opened on their own page,
    handled on the ticket's "Tindak lanjut" tab."""

    model = Ticket
    path = "tickets"
    nav = Nav("management", gettext_lazy("Tiket service desk"), 1)
    read_only = True
    api_viewset = staticmethod(api.ticket_viewset)  # POST opens a ticket (services.ticket_open)
    table = tables.TicketTable
    filterset = filtersets.TicketFilterSet
    fields = (
        "number",
        "agency",
        "kind",
        "title",
        "description",
        "service",
        "priority",
        "status",
        "tier",
        "channel",
        "requester",
        "opened_at",
        "responded_at",
        "response_due",
        "resolution_due",
        "response_breached",
        "resolution_breached",
        "paused_minutes",
        "escalated_at",
        "escalation_reason",
        "resolved_at",
        "resolution",
        "closed_at",
        "rating",
        "rating_comment",
        "problem",
    )


class ProblemUI(ModelUI):
    """Problems and known errors behind repeated incidents (issue 14 section 4)."""

    model = Problem
    path = "problems"
    nav = Nav("management", gettext_lazy("Masalah dan kesalahan diketahui"), 2)
    table = tables.ProblemTable
    filterset = filtersets.ProblemFilterSet
    fields = (
        "agency",
        "title",
        "service",
        "description",
        "status",
        "cause",
        "workaround",
        "resolution",
        "resolved_on",
    )
    related = (
        Related(
            gettext_lazy("Insiden terkait"),
            lambda problem: Ticket.objects.filter(problem=problem).select_related("agency"),
            tables.ProblemIncidentTable,
        ),
    )


class InboundMailUI(ModelUI):
    """What the mail gateway received and what became of each message (tickets, replies, refusals)."""

    model = InboundMail
    path = "inbound-mail"
    nav = Nav("management", gettext_lazy("Surel masuk"), 5)
    read_only = True
    importable = False
    table = tables.InboundMailTable
    filterset = filtersets.InboundMailFilterSet
    fields = (
        "received_at",
        "sender",
        "subject",
        "outcome",
        "reason",
        "ticket",
        "agency",
        "attachments",
        "message_id",
    )


class ServiceLevelUI(ModelUI):
    model = ServiceLevel
    path = "service-levels"
    nav = Nav("management", gettext_lazy("Tingkat layanan (SLA)"), 3)
    table = tables.ServiceLevelTable
    filterset = filtersets.ServiceLevelFilterSet
    fields = ("service", "priority", "response_minutes", "resolution_minutes", "note")
    natural_key = ("service", "priority")


class CalendarDayUI(ModelUI):
    model = CalendarDay
    path = "calendar"
    nav = Nav("management", gettext_lazy("Kalender hari libur"), 4)
    table = tables.CalendarDayTable
    filterset = filtersets.CalendarDayFilterSet
    fields = ("date", "kind", "name", "source")
    natural_key = ("date",)


# --- risk -------------------------------------------------------------------------------------


class RiskContextUI(ModelUI):
    model = RiskContext
    path = "risk-contexts"
    nav = Nav("management", gettext_lazy("Konteks risiko"), 10)
    table = tables.RiskContextTable
    filterset = filtersets.RiskContextFilterSet
    fields = ("agency", "unit", "year", "risk_owner", "goals", "stakeholders", "regulations", "status")
    read_only_fields = ("status",)
    natural_key = ("agency", "unit", "year")
    related = (
        Related(
            gettext_lazy("Register risiko"),
            lambda c: Risk.objects.filter(context=c),
            tables.RiskTable,
            add_url=lambda c: reverse("management:risk_add") + f"?context={c.pk}",
        ),
        Related(
            gettext_lazy("Selera risiko"),
            lambda c: RiskAppetite.objects.filter(context=c),
            tables.RiskAppetiteTable,
            add_url=lambda c: reverse("management:riskappetite_add") + f"?context={c.pk}",
        ),
        Related(
            gettext_lazy("Kriteria kemungkinan dan dampak"),
            lambda c: RiskCriterion.objects.filter(context=c),
            tables.RiskCriterionTable,
            add_url=lambda c: reverse("management:riskcriterion_add") + f"?context={c.pk}",
        ),
    )


class RiskCriterionUI(ModelUI):
    model = RiskCriterion
    path = "risk-criteria"
    table = tables.RiskCriterionTable
    filterset = filtersets.RiskCriterionFilterSet
    fields = ("context", "kind", "area", "level", "description")
    searchable = False


class RiskAppetiteUI(ModelUI):
    model = RiskAppetite
    path = "risk-appetites"
    table = tables.RiskAppetiteTable
    filterset = filtersets.RiskAppetiteFilterSet
    fields = ("context", "category", "risk_type", "minimum", "rationale")
    searchable = False


class RiskUI(ModelUI):
    model = Risk
    path = "risks"
    nav = Nav("management", gettext_lazy("Register risiko"), 11)
    table = tables.RiskTable
    filterset = filtersets.RiskFilterSet
    form = forms.RiskForm
    natural_key = ("context", "code")
    fields = (
        "context",
        "code",
        "risk_type",
        "category",
        "event",
        "cause",
        "consequence",
        "impact_area",
        "controls",
        "likelihood",
        "impact",
        "magnitude",
        "level",
        "to_treat",
        "option",
        "residual_likelihood",
        "residual_impact",
        "residual_magnitude",
    )
    read_only_fields = ("magnitude", "level", "to_treat", "residual_magnitude")
    related = (
        Related(
            gettext_lazy("Rencana penanganan"),
            lambda r: RiskTreatment.objects.filter(risk=r),
            tables.RiskTreatmentTable,
            add_url=lambda r: reverse("management:risktreatment_add") + f"?risk={r.pk}",
        ),
        Related(
            gettext_lazy("Pemantauan"),
            lambda r: RiskMonitoring.objects.filter(risk=r),
            tables.RiskMonitoringTable,
            add_url=lambda r: reverse("management:riskmonitoring_add") + f"?risk={r.pk}",
        ),
    )


class RiskTreatmentUI(ModelUI):
    model = RiskTreatment
    path = "risk-treatments"
    nav = Nav("management", gettext_lazy("Penanganan risiko"), 12)
    table = tables.RiskTreatmentTable
    filterset = filtersets.RiskTreatmentFilterSet
    fields = ("risk", "option", "action", "output", "responsible", "start", "end", "status")


class RiskMonitoringUI(ModelUI):
    model = RiskMonitoring
    path = "risk-monitoring"
    table = tables.RiskMonitoringTable
    filterset = filtersets.RiskMonitoringFilterSet
    fields = ("risk", "date", "likelihood", "impact", "magnitude", "level", "note", "recommendation")
    read_only_fields = ("magnitude", "level")
    searchable = False


# --- people -----------------------------------------------------------------------------------


class IctStaffUI(ModelUI):
    model = IctStaff
    path = "ict-staff"
    nav = Nav("management", gettext_lazy("SDM TIK"), 20)
    table = tables.IctStaffTable
    filterset = filtersets.IctStaffFilterSet
    fields = ("agency", "person", "function", "since")
    natural_key = ("person",)
    related = (
        Related(
            gettext_lazy("Kompetensi"),
            lambda s: Competency.objects.filter(person_id=s.person_id),
            tables.CompetencyTable,
            add_url=lambda s: reverse("management:competency_add") + f"?person={s.person_id}",
        ),
        Related(
            gettext_lazy("Pengembangan SDM"),
            lambda s: DevelopmentRecord.objects.filter(person_id=s.person_id),
            tables.DevelopmentRecordTable,
            add_url=lambda s: reverse("management:developmentrecord_add") + f"?person={s.person_id}",
        ),
    )


class CompetencyStandardUI(ModelUI):
    model = CompetencyStandard
    path = "competency-standards"
    nav = Nav("management", gettext_lazy("Standar kompetensi"), 21)
    table = tables.CompetencyStandardTable
    filterset = filtersets.CompetencyStandardFilterSet
    fields = ("code", "name", "area", "source", "description")
    natural_key = ("code",)


class CompetencyUI(ModelUI):
    model = Competency
    path = "competencies"
    table = tables.CompetencyTable
    filterset = filtersets.CompetencyFilterSet
    fields = ("person", "standard", "level", "assessed_on", "assessor")
    searchable = False


class CompetencyNeedUI(ModelUI):
    model = CompetencyNeed
    path = "competency-needs"
    table = tables.CompetencyNeedTable
    filterset = filtersets.CompetencyNeedFilterSet
    fields = ("agency", "standard", "level", "required", "note")
    searchable = False


class DevelopmentRecordUI(ModelUI):
    model = DevelopmentRecord
    path = "development"
    nav = Nav("management", gettext_lazy("Pengembangan SDM"), 22)
    table = tables.DevelopmentRecordTable
    filterset = filtersets.DevelopmentRecordFilterSet
    fields = (
        "person",
        "kind",
        "title",
        "provider",
        "by_ict_office",
        "start",
        "end",
        "scope",
        "certificate_number",
        "expires_on",
    )


# --- change and knowledge ---------------------------------------------------------------------


class ChangeRequestUI(ModelUI):
    model = ChangeRequest
    path = "changes"
    nav = Nav("management", gettext_lazy("Permintaan perubahan"), 30)
    table = tables.ChangeRequestTable
    filterset = filtersets.ChangeRequestFilterSet
    fields = (
        "agency",
        "title",
        "kind",
        "description",
        "stage",
        "risk_level",
        "risk_note",
        "planned_start",
        "planned_end",
        "applications",
        "approval",
        "review",
    )
    read_only_fields = ("stage", "approval")
    # The applications are listed under the change, restricted like every list: a CLOSED
    # application of another agency is not shown (the detail rows would name it).
    detail_fields = (
        "agency",
        "title",
        "kind",
        "description",
        "stage",
        "risk_level",
        "risk_note",
        "planned_start",
        "planned_end",
        "approval",
        "review",
    )
    related = (
        Related(
            gettext_lazy("Aplikasi terdampak"),
            lambda change: change.applications.all(),
            tables.ChangeApplicationTable,
        ),
    )


class KnowledgeArticleUI(ModelUI):
    model = KnowledgeArticle
    path = "knowledge"
    nav = Nav("management", gettext_lazy("Basis pengetahuan"), 31)
    table = tables.KnowledgeArticleTable
    filterset = filtersets.KnowledgeArticleFilterSet
    fields = ("agency", "title", "body", "keywords", "audience", "status", "revision", "published_at")
    read_only_fields = ("status", "revision", "published_at")


class KnowledgeTransferUI(ModelUI):
    """Alih pengetahuan dan teknologi (Parigi Moutong Pasal 40 ayat (2))."""

    model = KnowledgeTransfer
    path = "knowledge-transfers"
    nav = Nav("management", gettext_lazy("Alih pengetahuan"), 32)
    table = tables.KnowledgeTransferTable
    filterset = filtersets.KnowledgeTransferFilterSet
    fields = ("agency", "topic", "date", "giver", "recipients", "method", "summary", "articles")
    # The articles are listed under the record, restricted like every list: an article for
    # another agency's staff is not named on the detail rows.
    detail_fields = ("agency", "topic", "date", "giver", "recipients", "method", "summary")
    related = (
        Related(
            gettext_lazy("Artikel terkait"),
            lambda transfer: transfer.articles.all(),
            tables.KnowledgeArticleTable,
        ),
    )


# --- pages of their own -----------------------------------------------------------------------


@login_required
def index(request):
    return redirect("management:ticket_list")


@login_required
def ticket_open(request):
    """Open a ticket: a user for themselves; tier 1 also on behalf of a user of its agency."""
    user = request.user
    if not permissions.roles_of(user):
        raise PermissionDenied
    services_qs = selectors.catalog_services(user)
    requesters = selectors.tier1_requesters(user)
    form = forms.TicketOpenForm(request.POST or None, services=services_qs, requesters=requesters)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                ticket = services.ticket_open(
                    user=user,
                    title=data["title"],
                    description=data["description"],
                    kind=data["kind"],
                    priority=data["priority"],
                    service=data["service"],
                    requester=data.get("requester") or None,
                )
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Tiket %(number)s dibuka.") % {"number": ticket.number})
                return redirect(ticket.get_absolute_url())
        else:
            status = 400
    return render(request, "management/ticket_open.html", {"form": form}, status=status)


ACTIONS = {
    "respond": (services.ticket_respond, gettext_lazy("Tanggapi")),
    "wait": (services.ticket_wait, gettext_lazy("Tanyakan ke pelapor (jeda SLA)")),
    "resume": (services.ticket_resume, gettext_lazy("Lanjutkan")),
    "escalate": (services.ticket_escalate, gettext_lazy("Eskalasi ke tier 2")),
    "resolve": (services.ticket_resolve, gettext_lazy("Selesaikan")),
    "priority": (services.ticket_change_priority, gettext_lazy("Ubah prioritas")),
    "close": (services.ticket_close, gettext_lazy("Tutup dan beri nilai")),
    "reopen": (services.ticket_reopen, gettext_lazy("Buka kembali")),
    "comment": (services.ticket_comment, gettext_lazy("Tambah catatan")),
}


def _run_action(action, ticket, user, data):
    func = ACTIONS[action][0]
    note = data.get("note") or ""
    if action == "escalate":
        return func(ticket=ticket, user=user, reason=note)
    if action == "resolve":
        return func(ticket=ticket, user=user, resolution=note)
    if action == "close":
        return func(ticket=ticket, user=user, rating=data.get("rating"), comment=note)
    if action == "reopen":
        return func(ticket=ticket, user=user, reason=note)
    if action == "priority":
        return func(ticket=ticket, user=user, priority=data.get("priority") or "", note=note)
    return func(ticket=ticket, user=user, note=note)


@register_tab(Ticket, "act", gettext_lazy("Tindak lanjut"), path="act/", order=10)
def ticket_act(request, ticket, shell):
    user = request.user
    available = selectors.ticket_actions(user, ticket)
    form = forms.TicketActionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action not in available:
            raise PermissionDenied
        if form.is_valid():
            try:
                _run_action(action, ticket, user, form.cleaned_data)
            except DomainError as error:
                form.add_error("note", error.message)
                status = 400
            else:
                messages.success(request, _("%(action)s: tersimpan.") % {"action": ACTIONS[action][1]})
                return redirect(ticket.get_absolute_url())
        else:
            status = 400
    return shell.render(
        "management/ticket_act.html",
        {
            "form": form,
            "actions": [(name, ACTIONS[name][1]) for name in available],
            "posted": request.POST.get("action", ""),
        },
        status=status,
    )


def _ticket_clock(request, ticket):
    events = list(ticket.events.select_related("actor", *people.related("actor")).order_by("at", "id"))
    clock = (
        services.clock_for(ticket, events=events) if ticket.status != TicketStatus.CLOSED or events else None
    )
    return {"events": events, "clock": clock, "ticket": ticket}


register_panel(Ticket, "sla", gettext_lazy("SLA dan riwayat"), "management/_ticket_panel.html", _ticket_clock)


@register_tab(
    RiskContext,
    "submit",
    gettext_lazy("Ajukan persetujuan"),
    path="submit/",
    permission=permissions.CHANGE,
    order=20,
)
def risk_register_submit(request, context, shell):
    form = forms.NoteForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_register_submit(context=context, user=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            form.add_error("note", error.message)
            status = 400
        else:
            messages.success(request, _("Register risiko diajukan kepada kepala PD."))
            return redirect(context.get_absolute_url())
    return shell.render("management/submit.html", {"form": form, "what": _("register risiko")}, status=status)


@register_tab(
    ChangeRequest,
    "workflow",
    gettext_lazy("Tahapan"),
    path="workflow/",
    permission=permissions.CHANGE,
    order=20,
)
def change_workflow(request, change, shell):
    form = forms.NoteForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("action") == "submit":
                services.change_submit(change=change, user=request.user, note=form.cleaned_data["note"])
            else:
                services.change_advance(change=change, user=request.user)
        except DomainError as error:
            form.add_error("note", error.message)
            status = 400
        else:
            messages.success(request, _("Perubahan tersimpan."))
            return redirect(change.get_absolute_url())
    return shell.render(
        "management/change_workflow.html",
        {"form": form, "stages": selectors.change_stages(change)},
        status=status,
    )


@register_tab(
    KnowledgeArticle,
    "review",
    gettext_lazy("Tinjau dan terbitkan"),
    path="review/",
    permission=permissions.CHANGE,
    order=20,
)
def article_review(request, article, shell):
    form = forms.NoteForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if request.POST.get("action") == "publish":
                services.article_publish(article=article, user=request.user)
            else:
                services.article_submit(article=article, user=request.user)
        except DomainError as error:
            form.add_error("note", error.message)
            status = 400
        else:
            messages.success(request, _("Artikel tersimpan."))
            return redirect(article.get_absolute_url())
    return shell.render("management/article_review.html", {"form": form}, status=status)


@register_tab(KnowledgeArticle, "versions", gettext_lazy("Versi"), path="versions/", order=30)
def article_versions(request, article, shell):
    versions = list(KnowledgeArticleVersion.objects.filter(article=article).order_by("-number"))
    diff = []
    if versions:
        older = versions[1] if len(versions) > 1 else None
        chosen = request.GET.get("from")
        if chosen and chosen.isdigit():
            older = next((v for v in versions if v.number == int(chosen)), older)
        diff = services.article_diff(older.body if older else "", article.body)
    return shell.render("management/article_versions.html", {"versions": versions, "diff": diff})


@login_required
def risk_matrix(request):
    """The guideline's analysis matrix and levels, and how many visible risks sit in each cell."""
    counts = selectors.risk_cells(request.user)
    rows = []
    for likelihood in reversed(Likelihood):
        cells = []
        for impact in Impact:
            value = guideline.magnitude(likelihood.value, impact.value)
            level = guideline.level(value)
            cells.append(
                {
                    "value": value,
                    "level": level,
                    "label": RiskLevel(level).label,
                    "count": counts.get((likelihood.value, impact.value), 0),
                }
            )
        rows.append({"likelihood": likelihood, "cells": cells})
    levels = [dict(row, label=RiskLevel(row["level"]).label) for row in guideline.guideline()["levels"]]
    return render(
        request,
        "management/risk_matrix.html",
        {
            "rows": rows,
            "impacts": list(Impact),
            "levels": levels,
            "criteria": guideline.likelihood_criteria(),
        },
    )


@login_required
def competency_gaps(request):
    """Per agency and standard: staff needed at the level, staff holding it, the gap."""
    return render(
        request, "management/competency_gaps.html", {"gaps": selectors.competency_gaps(request.user)}
    )


@login_required
def ticket_detail_redirect(request, number):
    ticket = get_object_or_404(Ticket.objects.restrict(request.user), number=number)
    return redirect(ticket.get_absolute_url())


# Planning's service pages show their service levels: the relation belongs to this module.
register_related_panel(
    "planning.service",
    "service_levels",
    Related(
        gettext_lazy("Tingkat layanan (SLA)"),
        lambda service: ServiceLevel.objects.filter(service=service),
        tables.ServiceLevelTable,
        add_url=lambda service: reverse("management:servicelevel_add") + f"?service={service.pk}",
    ),
)


def _may_link_problem(user, ticket) -> bool:
    return ticket.kind == TicketKind.INCIDENT and services.may_handle(user, ticket)


@register_tab(Ticket, "problem", gettext_lazy("Masalah"), path="problem/", order=15, check=_may_link_problem)
def ticket_problem(request, ticket, shell):
    """Link the incident to the problem behind it, or unlink it; or record a new problem."""
    user = request.user
    if not _may_link_problem(user, ticket):
        raise PermissionDenied
    problems = selectors.open_problems(user).select_related("agency")[:200]
    error, status = "", 200
    if request.method == "POST":
        chosen = None
        if request.POST.get("action") != "unlink":
            value = request.POST.get("problem", "")
            chosen = selectors.open_problems(user).filter(pk=value).first() if value.isdigit() else None
            if chosen is None:
                error, status = _("Pilih masalah yang masih terbuka."), 400
        if not error:
            try:
                services.ticket_link_problem(ticket=ticket, user=user, problem=chosen)
            except DomainError as exc:
                error, status = exc.message, 400
            else:
                messages.success(request, _("Kaitan masalah tersimpan."))
                return redirect(ticket.get_absolute_url())
    add_url = reverse("management:problem_add") + f"?agency={ticket.agency_id}"
    if ticket.service_id:
        add_url += f"&service={ticket.service_id}"
    return shell.render(
        "management/ticket_problem.html",
        {"problems": problems, "error": error, "add_url": add_url, "current": ticket.problem},
        status=status,
    )


@login_required
def repeated_incidents(request):
    """Services with repeated incidents no problem explains yet (the hint to record one)."""
    return render(
        request,
        "management/repeated_incidents.html",
        {
            "rows": selectors.repeated_incidents(request.user),
            "threshold": selectors.REPEATED_INCIDENTS,
            "days": selectors.REPEATED_WINDOW_DAYS,
        },
    )


# --- the public knowledge base (anonymous: published public articles only) ------------------


def public_knowledge(request):
    from django.core.paginator import Paginator
    from django.db.models import Q

    q = request.GET.get("q", "").strip()[:200]
    articles = selectors.public_articles().order_by("title", "id")
    if q:
        articles = articles.filter(Q(title__icontains=q) | Q(keywords__icontains=q) | Q(body__icontains=q))
    page = Paginator(articles, 25).get_page(request.GET.get("page"))
    return render(request, "management/public_knowledge.html", {"page": page, "q": q})


def public_article(request, uuid):
    article = get_object_or_404(selectors.public_articles(), uuid=uuid)
    return render(request, "management/public_article.html", {"article": article})
