import datetime

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, people, permissions
from spbe.core.checks import Status
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalStatus, Attachment
from spbe.org.models import Agency, Government
from spbe.org.selectors import government_of, top_level_agency

from . import cache, engine, panels, profiles, selectors, services, vocabulary
from .models import Attestation, AttestationStatus, ComplianceStatus, Obligation, Regulation


def current_government(request, *, required: bool = True) -> Government | None:
    """The user's government (org.selectors keeps the one rule); 404 when none exists yet."""
    government = government_of(request.user)
    if government is None and required:
        raise Http404
    return government


def _require_role(request):
    if not permissions.roles_of(request.user):
        raise PermissionDenied


@login_required
def government_dashboard(request):
    _require_role(request)
    government = current_government(request)
    # Leaders read the matrix worst first; others find their agency alphabetically (any column sorts).
    worst_first = "leader" in permissions.roles_of(request.user)

    def build():
        points = selectors.trend(government)
        trend_json = {
            "labels": [date_format(timezone.localtime(p["at"]), "SHORT_DATE_FORMAT") for p in points],
            "values": [round(100 * p["share"], 1) if p["share"] is not None else None for p in points],
        }
        data = selectors.matrix(government)
        if worst_first:
            data.rows.sort(
                key=lambda r: (r["agency"] is None, 2 if r["total"].share is None else r["total"].share)
            )
        context = {
            "government": government,
            "m": data,
            "worst_first": worst_first,
            "worst": selectors.worst_articles(government),
            "trend": trend_json,
        }
        return render_to_string("compliance/_dashboard_body.html", context)

    return render(
        request,
        "compliance/government.html",
        {
            "government": government,
            "body": cache.rendered(government, "dashboard-worst" if worst_first else "dashboard", build),
            "panels": panels.page_panels(request, panels.DASHBOARD_SLOT, government),
            "may_run": permissions.may(request.user, "compliance.run"),
        },
    )


@login_required
def my_agency(request):
    person = getattr(request.user, "person", None)
    if person is None:
        return redirect("compliance:government")
    agency = top_level_agency(person.agency)
    return redirect("compliance:agency", pk=agency.pk)


def _subject_page(request, government, agency):
    statuses = selectors.agency_statuses(government, agency)
    group = request.GET.get("group", "")
    status = request.GET.get("status", "")
    if group:
        statuses = statuses.filter(obligation__group=group)
    if status:
        statuses = statuses.filter(status=status)
    regulation = Regulation.objects.filter(code=government.regulation).first()
    rows = list(statuses)
    # An attestation awaiting review is not offered a second time (one query).
    pending = set(
        Attestation.objects.filter(
            government=government, agency=agency, status=AttestationStatus.SUBMITTED
        ).values_list("obligation_id", flat=True)
    )
    for row in rows:
        row.attestation_pending = row.obligation_id in pending
    counts: dict = {}
    for row in selectors.agency_statuses(government, agency).values_list("status", flat=True):
        counts[row] = counts.get(row, 0) + 1
    return render(
        request,
        "compliance/subject.html",
        {
            "government": government,
            "agency": agency,
            "rows": rows,
            "regulation": regulation,
            "group": group,
            "status": status,
            "statuses": Status.choices,
            "counts": counts,
            "share": selectors.share(counts),
            "panels": panels.page_panels(request, panels.AGENCY_SLOT, agency) if agency is not None else [],
        },
    )


@login_required
def agency_view(request, pk):
    _require_role(request)
    agency = get_object_or_404(Agency.objects.restrict(request.user), pk=pk)
    return _subject_page(request, agency.government, agency)


@login_required
def government_subject(request):
    _require_role(request)
    return _subject_page(request, current_government(request), None)


@login_required
def article_view(request, article):
    _require_role(request)
    government = current_government(request)
    rows = list(selectors.article_statuses(government, article))
    if not rows:
        raise Http404
    pending = set(
        Attestation.objects.filter(
            government=government, obligation__article_label=article, status=AttestationStatus.SUBMITTED
        ).values_list("obligation_id", "agency_id")
    )
    for row in rows:
        row.attestation_pending = (row.obligation_id, row.agency_id) in pending
    return render(
        request, "compliance/article.html", {"government": government, "article": article, "rows": rows}
    )


@login_required
def obligation_detail(request, pk):
    _require_role(request)
    obligation = get_object_or_404(Obligation.objects.select_related("regulation"), pk=pk)
    government = current_government(request)
    statuses = (
        ComplianceStatus.objects.filter(government=government, obligation=obligation)
        .select_related("agency")
        .order_by("agency__name")
    )
    responsible = (
        services.responsible_for(obligation, government, request.user)
        if obligation.regulation.code == government.regulation
        else []
    )
    attestations = list(
        Attestation.objects.restrict(request.user)
        .filter(government=government, obligation=obligation)
        .select_related("agency", "submitted_by", *people.related("submitted_by"))[:50]
    )
    reasons = approvals.return_reasons(
        Attestation, [a.pk for a in attestations if a.status == AttestationStatus.RETURNED]
    )
    may_attest = {s.key for s in responsible}
    for attestation in attestations:
        attestation.return_reason = reasons.get(attestation.pk, "")
        attestation.may_fix = attestation.pk in reasons and attestation.agency_id in may_attest
    # Subjects with an attestation awaiting review are not offered a second one.
    pending = set(
        Attestation.objects.filter(
            government=government, obligation=obligation, status=AttestationStatus.SUBMITTED
        ).values_list("agency_id", flat=True)
    )
    responsible = [s for s in responsible if s.key not in pending]
    return render(
        request,
        "compliance/obligation.html",
        {
            "obligation": obligation,
            "government": government,
            "statuses": statuses,
            "responsible": responsible,
            "attestations": attestations,
            "group_name": obligation.regulation.group_name(obligation.group),
        },
    )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"class": "form-control"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class AttestationForm(forms.Form):
    statement = forms.CharField(
        label=gettext_lazy("Pernyataan"),
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
        help_text=gettext_lazy("Bagaimana kewajiban ini dipenuhi."),
    )
    evidence_links = forms.CharField(
        label=gettext_lazy("Tautan bukti"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
        help_text=gettext_lazy("Satu tautan per baris."),
    )
    files = MultipleFileField(label=gettext_lazy("Berkas bukti"), required=False)
    valid_until = forms.DateField(
        label=gettext_lazy("Berlaku sampai"),
        widget=forms.DateInput(attrs={"class": "form-control", "type": "date"}, format="%Y-%m-%d"),
    )


@login_required
def attest(request, pk):
    obligation = get_object_or_404(Obligation, pk=pk, retired=False)
    government = current_government(request)
    agency_id = request.GET.get("agency") or request.POST.get("agency") or None
    agency = get_object_or_404(Agency.objects.restrict(request.user), pk=agency_id) if agency_id else None
    subjects = {s.key for s in services.responsible_for(obligation, government, request.user)}
    if (agency.pk if agency else None) not in subjects:
        raise PermissionDenied
    returned = (
        Attestation.objects.filter(
            government=government, obligation=obligation, agency=agency, status=AttestationStatus.RETURNED
        )
        .order_by("-created")
        .first()
    )
    if returned is not None:  # fixed and sent back, not attested a second time
        return redirect("compliance:attestation_edit", pk=returned.pk)
    initial = {"valid_until": timezone.localdate() + datetime.timedelta(days=services.DEFAULT_VALIDITY_DAYS)}
    form = AttestationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            attestation = services.attestation_submit(
                obligation=obligation,
                government=government,
                agency=agency,
                user=request.user,
                **form.cleaned_data,  # statement, evidence_links, valid_until, files
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Pernyataan diajukan dan menunggu tinjauan Dinas Kominfo."))
            return redirect(attestation.get_absolute_url())
    return render(
        request,
        "compliance/attest.html",
        {"obligation": obligation, "agency": agency, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def attestation_detail(request, pk):
    attestation = get_object_or_404(
        Attestation.objects.restrict(request.user).select_related(
            "obligation", "agency", "submitted_by", *people.related("submitted_by")
        ),
        pk=pk,
    )
    files = Attachment.objects.filter(
        content_type__model="attestation", content_type__app_label="compliance", object_id=attestation.pk
    )
    requests = list(approvals.requests_for(attestation))
    may_decide = any(approvals.may_decide(request.user, r) for r in requests)
    returned = next((r for r in requests if r.status == ApprovalStatus.RETURNED), None)
    return render(
        request,
        "compliance/attestation.html",
        {
            "attestation": attestation,
            "files": files,
            "requests": requests,
            "may_decide": may_decide,
            "expired": attestation.is_expired(),
            "return_reason": _return_reason(returned),
            "may_fix": returned is not None and approvals.may_resubmit(request.user, returned),
            "decided": _final_decision(requests) is not None,
        },
    )


def _final_decision(requests):
    """The decision that accepted or rejected the attestation (a return is not final)."""
    for approval in requests:
        if approval.status in (ApprovalStatus.APPROVED, ApprovalStatus.REJECTED):
            decided = [d for d in approval.decisions.all() if not d.returned]
            if decided:
                return decided[-1]
    return None


@login_required
def attestation_decision_pdf(request, pk):
    """The decision letter, signed; issued on first download and served from the register after."""
    from spbe.core import documents

    from .exports import attestation_decision_document

    attestation = get_object_or_404(
        Attestation.objects.restrict(request.user).select_related(
            "obligation__regulation", "agency", "government"
        ),
        pk=pk,
    )
    decision = _final_decision(approvals.requests_for(attestation))
    if decision is None:
        raise Http404  # nothing decided yet: there is no letter
    document = attestation_decision_document(attestation, decision, request.user)
    response = HttpResponse(documents.read_copy(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="keputusan-pernyataan-{attestation.pk}.pdf"'
    return response


def _return_reason(approval) -> str:
    if approval is None:
        return ""
    returns = [d for d in approval.decisions.all() if d.returned]
    return returns[-1].reason if returns else ""


@login_required
def attestation_edit(request, pk):
    """A returned attestation, fixed by a person who may attest for its subject and sent back to
    the same review (its earlier decisions stay in the history)."""
    attestation = get_object_or_404(
        Attestation.objects.restrict(request.user).select_related("obligation", "agency"), pk=pk
    )
    returned = services.returned_request(attestation)
    if attestation.status != AttestationStatus.RETURNED or returned is None:
        messages.info(request, _("Pernyataan ini tidak sedang dikembalikan untuk diperbaiki."))
        return redirect(attestation.get_absolute_url())
    if not approvals.may_resubmit(request.user, returned):
        raise PermissionDenied
    initial = {
        "statement": attestation.statement,
        "evidence_links": attestation.evidence_links,
        "valid_until": attestation.valid_until,
    }
    form = AttestationForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.attestation_resubmit(
                attestation=attestation,
                user=request.user,
                **form.cleaned_data,  # statement, evidence_links, valid_until, files
            )
        except DomainError as error:
            if error.code == "forbidden":
                raise PermissionDenied from error
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Pernyataan diperbaiki dan diajukan kembali ke Dinas Kominfo."))
            return redirect(attestation.get_absolute_url())
    return render(
        request,
        "compliance/attest.html",
        {
            "obligation": attestation.obligation,
            "agency": attestation.agency,
            "form": form,
            "attestation": attestation,
            "return_reason": _return_reason(returned),
        },
        status=400 if form.errors else 200,
    )


@login_required
def attestation_list(request):
    _require_role(request)
    qs = Attestation.objects.restrict(request.user).select_related(
        "obligation", "agency", "submitted_by", *people.related("submitted_by")
    )
    status = request.GET.get("status")
    if status:
        qs = qs.filter(status=status)
    page = Paginator(qs.order_by("-created"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "compliance/attestation_list.html",
        {"page": page, "status": status, "today": timezone.localdate()},
    )


@login_required
def run_now(request):
    if request.method != "POST":
        raise Http404
    permissions.require_may(request.user, "compliance.run")
    government = current_government(request)
    try:
        run = engine.run_full(government, trigger="manual")
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Evaluasi selesai: %(n)d evaluasi, %(c)d status berubah, %(ms)d ms.")
            % {"n": run.evaluations, "c": run.changes, "ms": run.duration_ms},
        )
    return redirect("compliance:government")


class ProfileUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Berkas profil (YAML)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".yaml,.yml"}),
    )


@login_required
def regulation_list(request):
    _require_role(request)
    government = current_government(request, required=False)
    may_load = permissions.may(request.user, "compliance.load_profile")
    form = ProfileUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST":
        if not may_load:
            raise PermissionDenied
        if form.is_valid():
            upload = form.cleaned_data["file"]
            text = upload.read().decode("utf-8", errors="replace")
            try:
                regulation, report = profiles.load_text(text, source=upload.name, user=request.user)
            except profiles.ProfileError as error:
                report = error.report
                messages.error(request, _("Profil ditolak; tidak ada yang berubah."))
            else:
                messages.success(
                    request,
                    _("Profil %(r)s dimuat. %(d)s") % {"r": regulation, "d": " · ".join(report.diff.lines())},
                )
                if not report.warnings:
                    return redirect(regulation.get_absolute_url())
    regulations = Regulation.objects.all()
    return render(
        request,
        "compliance/regulation_list.html",
        {
            "regulations": regulations,
            "government": government,
            "may_load": may_load,
            "form": form,
            "report": report,
        },
        status=400 if report is not None and not report.ok else 200,
    )


@login_required
def regulation_detail(request, pk):
    _require_role(request)
    regulation = get_object_or_404(Regulation, pk=pk)
    obligations = regulation.obligations.filter(retired=False).order_by("position")
    counts = vocabulary.regulation_coverage(regulation)
    coverage = [(vocabulary.CATEGORY_LABELS[c], counts[c]) for c in vocabulary.CATEGORIES]
    return render(
        request,
        "compliance/regulation_detail.html",
        {"regulation": regulation, "obligations": obligations, "coverage": coverage},
    )


@login_required
def export_matrix(request):
    from .exports import matrix_xlsx

    _require_role(request)
    return matrix_xlsx(current_government(request))


@login_required
def report_pdf(request):
    from .exports import report_pdf as build

    _require_role(request)
    return build(current_government(request), request.user)


def subject_url(agency) -> str:
    return (
        reverse("compliance:agency", kwargs={"pk": agency.pk})
        if agency
        else reverse("compliance:government_subject")
    )
