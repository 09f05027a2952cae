from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import permissions
from spbe.core.errors import DomainError
from spbe.core.ui import ModelUI, Nav, Related, register_action, register_tab
from spbe.org.selectors import government_of

from . import filtersets, forms, selectors, services, tables
from .choices import IncidentKind, IncidentSeverity, IncidentStatus
from .models import (
    CertificateDuty,
    CertificateMonitoring,
    ClassificationDecision,
    ClassificationPolicy,
    ClassificationReason,
    ElectronicCertificate,
    Incident,
    IncidentEvent,
    SecurityServiceKind,
    SecurityServiceRequest,
    VulnerabilityFinding,
)


class CertificateDutyUI(ModelUI):
    model = CertificateDuty
    path = "certificate-duties"
    natural_key = ("person", "duty")
    nav = Nav("security", gettext_lazy("Petugas transaksi elektronik"), 2)
    table = tables.CertificateDutyTable
    filterset = filtersets.CertificateDutyFilterSet
    fields = ("person", "duty", "system", "public_service", "active")


class ElectronicCertificateUI(ModelUI):
    model = ElectronicCertificate
    path = "certificates"
    natural_key = ("issuer", "serial")
    nav = Nav("security", gettext_lazy("Sertifikat elektronik"), 3)
    table = tables.ElectronicCertificateTable
    filterset = filtersets.ElectronicCertificateFilterSet
    fields = ("holder", "kind", "issuer", "serial", "valid_from", "valid_until", "revoked", "revoked_on")


class CertificateMonitoringUI(ModelUI):
    model = CertificateMonitoring
    path = "certificate-monitoring"
    table = tables.CertificateMonitoringTable
    filterset = filtersets.CertificateMonitoringFilterSet
    fields = ("agency", "date", "duties", "covered", "expiring", "agencies_below", "notes")
    read_only = True  # recorded from the coverage page (services.certificate_monitoring_record)


class IncidentUI(ModelUI):
    model = Incident
    path = "incidents"
    nav = Nav("security", gettext_lazy("Insiden keamanan"), 0)
    table = tables.IncidentTable
    filterset = filtersets.IncidentFilterSet
    fields = (
        "agency",
        "title",
        "kind",
        "occurred_at",
        "detected_at",
        "reported_at",
        "description",
        "systems_affected",
        "data_affected",
        "data_secured",
        "securing_measures",
        "applications",
        "severity",
        "status",
        "containment",
        "recovery",
        "lessons_learned",
        "closed_at",
        "steward_notified_at",
        "steward_notice",
    )
    # handled by the ICT office (services.incident_handle), never on the report form
    read_only_fields = (
        "reported_at",
        "severity",
        "status",
        "containment",
        "recovery",
        "lessons_learned",
        "closed_at",
        "steward_notified_at",
        "steward_notice",
    )
    form = forms.IncidentForm
    importable = False  # a report is made when it happens, not from a spreadsheet
    related = (
        Related(
            gettext_lazy("Kronologi dan bukti"),
            lambda incident: IncidentEvent.objects.filter(incident=incident),
            tables.IncidentEventTable,
            add_url=lambda incident: reverse("security:incidentevent_add") + f"?incident={incident.pk}",
        ),
    )


class IncidentEventUI(ModelUI):
    model = IncidentEvent
    path = "incident-events"
    table = tables.IncidentEventTable
    filterset = filtersets.IncidentEventFilterSet
    fields = ("incident", "at", "kind", "note", "evidence", "sha256")
    read_only_fields = ("sha256",)
    form = forms.IncidentEventForm
    importable = False
    detail_fields = ("incident", "at", "kind", "note", "sha256")


class SecurityServiceKindUI(ModelUI):
    model = SecurityServiceKind
    path = "service-kinds"
    table = tables.SecurityServiceKindTable
    filterset = filtersets.SecurityServiceKindFilterSet
    fields = ("letter", "code", "name", "name_en")
    read_only = True  # shipped as data (security/data/service_kinds.yaml)


class SecurityServiceRequestUI(ModelUI):
    model = SecurityServiceRequest
    path = "services"
    nav = Nav("security", gettext_lazy("Layanan keamanan informasi"), 4)
    table = tables.SecurityServiceRequestTable
    filterset = filtersets.SecurityServiceRequestFilterSet
    fields = (
        "agency",
        "kind",
        "title",
        "description",
        "requested_on",
        "status",
        "planned_date",
        "done_date",
        "report",
        "findings",
    )
    read_only_fields = ("requested_on", "status", "planned_date", "done_date", "report", "findings")
    importable = False
    related = (
        Related(
            gettext_lazy("Temuan kerentanan"),
            lambda row: VulnerabilityFinding.objects.filter(service_request=row),
            tables.VulnerabilityFindingTable,
            add_url=lambda row: reverse("security:vulnerabilityfinding_add") + f"?service_request={row.pk}",
        ),
    )


class VulnerabilityFindingUI(ModelUI):
    """Findings of a vulnerability assessment; the ICT office registers each as a risk in the
    requesting agency's SPBE risk register (tab *Register risiko*)."""

    model = VulnerabilityFinding
    path = "vulnerability-findings"
    nav = Nav("security", gettext_lazy("Temuan kerentanan"), 6)
    table = tables.VulnerabilityFindingTable
    filterset = filtersets.VulnerabilityFindingFilterSet
    fields = (
        "service_request",
        "title",
        "details",
        "cause",
        "consequence",
        "impact_area",
        "likelihood",
        "impact",
        "risk",
        "registered_at",
    )
    read_only_fields = ("risk", "registered_at")
    importable = False


# --- Incident handling, notice, evidence --------------------------------------------------------


def _may_handle(user, incident) -> bool:
    return permissions.may(user, services.HANDLE_ACTION, incident)


@register_tab(Incident, "handle", gettext_lazy("Penanganan"), permission=permissions.VIEW, check=_may_handle)
def incident_handle(request, incident, shell):
    initial = {
        "severity": incident.severity,
        "status": incident.status,
        "containment": incident.containment,
        "recovery": incident.recovery,
        "lessons_learned": incident.lessons_learned,
    }
    form = forms.IncidentHandleForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.incident_handle(incident=incident, user=request.user, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(request, _("Penanganan insiden disimpan."))
                return redirect(incident.get_absolute_url())
        else:
            status = 400
    return shell.render("security/incident_handle.html", {"form": form}, status=status)


def _may_notify(user, incident) -> bool:
    return permissions.can(user, incident, permissions.CHANGE) or _may_handle(user, incident)


@register_tab(
    Incident,
    "notice",
    gettext_lazy("Pemberitahuan ke walidata"),
    permission=permissions.VIEW,
    check=_may_notify,
    in_tabs=False,
)
def incident_notice(request, incident, shell):
    """Issue the written notice to the data steward as an official, signed letter."""
    steward = selectors.steward_for(incident.agency)
    error = ""
    status = 200
    if request.method == "POST":
        try:
            doc = services.incident_notify_steward(incident=incident, user=request.user)
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            messages.success(request, _("Pemberitahuan tertulis %(n)s diterbitkan.") % {"n": doc.number})
            return redirect(incident.get_absolute_url())
    return shell.render(
        "security/incident_notice_form.html", {"steward": steward, "error": error}, status=status
    )


register_action(
    Incident,
    "notice",
    gettext_lazy("Pemberitahuan tertulis ke walidata"),
    lambda incident: reverse("security:incident_notice", kwargs={"pk": incident.pk}),
    permission=permissions.VIEW,
    check=_may_notify,
)


@login_required
def evidence_download(request, pk):
    item = get_object_or_404(IncidentEvent.objects.restrict(request.user), pk=pk)
    if not item.evidence:
        raise Http404
    return FileResponse(
        item.evidence.open("rb"), as_attachment=True, filename=item.evidence.name.rsplit("/", 1)[-1]
    )


register_action(
    IncidentEvent,
    "evidence",
    gettext_lazy("Unduh bukti"),
    lambda event: reverse("security:incidentevent_download", kwargs={"pk": event.pk}),
    permission=permissions.VIEW,
    check=lambda user, event: bool(event.evidence),
)


# --- Security services: submit, plan, report ----------------------------------------------------


def _may_report(user, row) -> bool:
    return permissions.may(user, services.SERVICE_REPORT_ACTION, row)


@register_tab(
    SecurityServiceRequest,
    "submit",
    gettext_lazy("Ajukan"),
    permission=permissions.CHANGE,
    in_tabs=False,
)
def service_submit(request, row, shell):
    error, status = "", 200
    if request.method == "POST":
        try:
            services.service_request_submit(
                request_row=row, user=request.user, note=request.POST.get("note", "")
            )
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            messages.success(request, _("Permohonan dikirim ke Dinas Kominfo."))
            return redirect(row.get_absolute_url())
    return shell.render("security/service_submit.html", {"error": error}, status=status)


@register_tab(
    SecurityServiceRequest,
    "report",
    gettext_lazy("Laporan pelaksanaan"),
    permission=permissions.VIEW,
    check=_may_report,
)
def service_report(request, row, shell):
    plan = forms.ServicePlanForm(request.POST if request.POST.get("step") == "plan" else None, prefix="plan")
    report = forms.ServiceReportForm(
        request.POST if request.POST.get("step") == "report" else None, prefix="report"
    )
    error, status = "", 200
    if request.method == "POST":
        form = plan if request.POST.get("step") == "plan" else report
        if form.is_valid():
            try:
                if form is plan:
                    services.service_request_plan(request_row=row, user=request.user, **form.cleaned_data)
                else:
                    services.service_request_report(request_row=row, user=request.user, **form.cleaned_data)
            except DomainError as exc:
                error, status = exc.message, 400
            else:
                messages.success(request, _("Layanan keamanan diperbarui."))
                return redirect(row.get_absolute_url())
        else:
            status = 400
    return shell.render(
        "security/service_report.html", {"plan": plan, "report": report, "error": error}, status=status
    )


register_action(
    SecurityServiceRequest,
    "submit",
    gettext_lazy("Ajukan ke Dinas Kominfo"),
    lambda row: reverse("security:securityservicerequest_submit", kwargs={"pk": row.pk}),
    permission=permissions.CHANGE,
    check=lambda user, row: row.status == "requested",
)


# --- Data classification: policy, reasons, decisions and their review --------------------------


class ClassificationPolicyUI(ModelUI):
    """One per government, kept by the ICT office (a record without an owning agency)."""

    model = ClassificationPolicy
    path = "classification-policy"
    nav = Nav("security", gettext_lazy("Kebijakan klasifikasi data"), 7)
    table = tables.ClassificationPolicyTable
    filterset = filtersets.ClassificationPolicyFilterSet
    fields = (
        "government",
        "name",
        "decree",
        "open_meaning",
        "limited_meaning",
        "closed_meaning",
        "deciders",
        "review_months",
    )
    importable = False
    related = (
        Related(
            gettext_lazy("Alasan yang diizinkan"),
            lambda policy: ClassificationReason.objects.filter(policy=policy),
            tables.ClassificationReasonTable,
            add_url=lambda policy: reverse("security:classificationreason_add") + f"?policy={policy.pk}",
        ),
    )


class ClassificationReasonUI(ModelUI):
    model = ClassificationReason
    path = "classification-reasons"
    table = tables.ClassificationReasonTable
    filterset = filtersets.ClassificationReasonFilterSet
    fields = ("policy", "level", "label", "legal_basis", "active")
    importable = False


class ClassificationDecisionUI(ModelUI):
    """Every decision, the superseded ones included; the stewards' review queue is this list
    filtered to the current decisions due (`?current=true&due=soon`)."""

    model = ClassificationDecision
    path = "classification-decisions"
    nav = Nav("security", gettext_lazy("Tinjauan klasifikasi data"), 8)
    table = tables.ClassificationDecisionTable
    filterset = filtersets.ClassificationDecisionFilterSet
    fields = (
        "agency",
        "dataset",
        "application",
        "level",
        "previous_level",
        "reason",
        "explanation",
        "decided_by",
        "decided_on",
        "review_due",
        "current",
    )
    read_only = True  # made through the subject's *Klasifikasi* tab
    importable = False


def classification_tab(request, subject, shell):
    """The subject's classification: its decisions (newest first) and, for whoever may decide, the
    form to decide or confirm it on review."""
    policy = ClassificationPolicy.objects.filter(government_id=subject.agency.government_id).first()
    may = services.may_decide_classification(request.user, subject)
    key = "dataset" if subject._meta.label_lower == "datasets.dataset" else "application"
    initial = {"level": subject.classification}
    form = forms.ClassificationDecisionForm(
        request.POST if request.method == "POST" and may else None, policy=policy, initial=initial
    )
    error, status = "", 200
    if request.method == "POST" and may:
        if form.is_valid():
            try:
                services.classification_decide(subject=subject, user=request.user, **form.cleaned_data)
            except DomainError as exc:
                error, status = exc.message, 400
            else:
                messages.success(request, _("Keputusan klasifikasi dicatat."))
                return redirect(request.path)
        else:
            status = 400
    history = list(
        ClassificationDecision.objects.restrict(request.user)
        .filter(**{key: subject})
        .select_related("reason", "decided_by")
        .order_by("-decided_on", "-id")[:50]
    )
    return shell.render(
        "security/classification_tab.html",
        {"policy": policy, "form": form if may else None, "history": history, "error": error},
        status=status,
    )


for _label in ("datasets.dataset", "applications.application"):
    register_tab(_label, "classification", gettext_lazy("Klasifikasi"), path="classification/", order=40)(
        classification_tab
    )


# --- Vulnerability findings -> risk register ---------------------------------------------------


@register_tab(
    VulnerabilityFinding,
    "register",
    gettext_lazy("Register risiko"),
    permission=permissions.VIEW,
    check=lambda user, finding: _may_report(user, finding.service_request),
)
def finding_register(request, finding, shell):
    contexts = services.risk_contexts_for(finding)
    error, status = "", 200
    if request.method == "POST" and finding.risk_id is None:
        chosen = contexts.filter(pk=request.POST.get("context") or 0).first()
        try:
            if chosen is None:
                raise DomainError(_("Konteks risiko: pilih register risiko PD pemohon."), code="invalid")
            risk = services.finding_register_risk(finding=finding, user=request.user, context=chosen)
        except DomainError as exc:
            error, status = exc.message, 400
        else:
            messages.success(request, _("Temuan dicatat sebagai risiko %(code)s.") % {"code": risk.code})
            return redirect(finding.get_absolute_url())
    return shell.render(
        "security/finding_register.html",
        {"contexts": list(contexts[:50]), "error": error},
        status=status,
    )


def risk_findings(request, risk):
    """On a risk's page: the vulnerability findings it was registered from, for those who may see
    them (the panel is hidden otherwise)."""
    rows = list(
        VulnerabilityFinding.objects.restrict(request.user)
        .filter(risk=risk)
        .select_related("service_request")
        .order_by("-created", "-id")[:10]
    )
    return {"findings": rows} if rows else None


# --- Coverage, statistics -----------------------------------------------------------------------


@login_required
def coverage(request):
    """Certificate coverage per agency (Sigi Pasal 19 ayat (3)); the ICT office records a monitoring."""
    government = government_of(request.user)
    if government is None or not permissions.roles_of(request.user):
        raise Http404
    may_monitor = permissions.may(request.user, services.MONITOR_ACTION, None)
    if request.method == "POST":
        if not may_monitor:
            raise permissions.PermissionDenied
        try:
            record = services.certificate_monitoring_record(
                government=government, user=request.user, notes=request.POST.get("notes", "")[:2000]
            )
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Pemantauan sertifikat dicatat."))
            return redirect(record.get_absolute_url())
    letters = selectors.education_letter_allowed(government)
    data = selectors.certificate_coverage(government, education_letter=letters)
    last = CertificateMonitoring.objects.restrict(request.user).order_by("-date", "-id").first()
    return render(
        request,
        "security/coverage.html",
        {"coverage": data, "may_monitor": may_monitor, "last": last, "letters": letters},
    )


@login_required
def statistics(request):
    """Yearly incident statistics, counted over the incidents the reader may see."""
    if not permissions.roles_of(request.user):
        raise Http404
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        year = timezone.localdate().year
    year = min(max(year, 2000), 2100)
    stats = selectors.incident_statistics(request.user, year)
    rows = []
    for key, choices in (("kind", IncidentKind), ("severity", IncidentSeverity), ("status", IncidentStatus)):
        rows += [(label, stats["by"][key].get(value, 0)) for value, label in choices.choices]
    return render(
        request,
        "security/statistics.html",
        {
            "stats": stats,
            "rows": rows if stats["total"] else [],
            "years": range(timezone.localdate().year, 2017, -1),
        },
    )
