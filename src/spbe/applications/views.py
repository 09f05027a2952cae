from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import permissions
from spbe.core.errors import DomainError
from spbe.core.ui import ModelUI, Nav, Related, register_related_panel, register_tab

from . import filtersets, forms, selectors, serializers, services, tables
from .choices import ApplicationKind, ApplicationStatus, CommonField, IntegrationMethod, SourceModel
from .models import (
    Application,
    ApplicationDocument,
    ApplicationIntegration,
    ApplicationRelease,
    CommonApplication,
)


class ApplicationUI(ModelUI):
    model = Application
    natural_key = ("agency", "name")
    path = "applications"
    nav = Nav("applications", gettext_lazy("Katalog aplikasi"), 0)
    table = tables.ApplicationTable
    filterset = filtersets.ApplicationFilterSet
    fields = (
        "agency",
        "operator",
        "name",
        "purpose",
        "kind",
        "common_field",
        "common_application",
        "address",
        "source_model",
        "licence",
        "legality_evidence",
        "developer_kind",
        "developer_name",
        "contract_number",
        "source_handover_clause",
        "lifecycle_stage",
        "status",
        "uses_sso",
        "services",
        "business_processes",
        "last_audit_date",
        "classification",
        # the decisions that allowed it, set by the workflows: in the API only
        "consultation",
        "technical_consideration",
        "duplicate_decision",
    )
    form = forms.ApplicationForm  # the address on the government's domain, the duplicate warning
    import_form = forms.ApplicationImportForm  # the inventory sheets' own headers and words
    serializer = serializers.ApplicationSerializer  # the decisions as ids
    detail_template = "applications/application_detail.html"
    related = (
        Related(
            gettext_lazy("Dokumen aplikasi"),
            lambda app: ApplicationDocument.objects.filter(application=app),
            tables.ApplicationDocumentTable,
            add_url=lambda app: reverse("applications:applicationdocument_add") + f"?application={app.pk}",
        ),
        Related(
            gettext_lazy("Rilis di repositori"),
            lambda app: ApplicationRelease.objects.filter(application=app),
            tables.ApplicationReleaseTable,
            add_url=lambda app: reverse("applications:applicationrelease_add") + f"?application={app.pk}",
        ),
        Related(
            gettext_lazy("Integrasi keluar"),
            lambda app: ApplicationIntegration.objects.filter(source=app),
            tables.ApplicationIntegrationTable,
            add_url=lambda app: reverse("applications:applicationintegration_add") + f"?source={app.pk}",
        ),
        Related(
            gettext_lazy("Dipakai oleh (integrasi masuk)"),
            lambda app: ApplicationIntegration.objects.filter(target=app),
            tables.ApplicationIntegrationTable,
        ),
    )


class ApplicationDocumentUI(ModelUI):
    model = ApplicationDocument
    path = "documents"
    nav = Nav("applications", gettext_lazy("Dokumen aplikasi"), 3)
    table = tables.ApplicationDocumentTable
    filterset = filtersets.ApplicationDocumentFilterSet
    fields = (
        "application",
        "doc_type",
        "title",
        "file",
        "file_name",
        "download_url",
        "sha256",
        "document_version",
    )
    read_only_fields = ("sha256",)  # set from the upload
    form = forms.ApplicationDocumentForm  # checks the upload, applications the user may change
    serializer = serializers.ApplicationDocumentSerializer  # the file written, read by its download link
    importable = False  # files come with an upload, not a spreadsheet row
    detail_template = "applications/repository_file_detail.html"


class ApplicationReleaseUI(ModelUI):
    model = ApplicationRelease
    path = "releases"
    nav = Nav("applications", gettext_lazy("Repositori aplikasi"), 2)
    table = tables.ApplicationReleaseTable
    filterset = filtersets.ApplicationReleaseFilterSet
    fields = (
        "application",
        "release_version",
        "release_date",
        "source_archive",
        "file_name",
        "download_url",
        "sha256",
        "size",
        "delivered_by",
        "received_by",
        "copyright_holder",
        "notes",
    )
    read_only_fields = ("sha256", "size")  # set from the upload
    form = forms.ApplicationReleaseForm  # checks the archive, proposes receiver and copyright holder
    serializer = serializers.ApplicationReleaseSerializer
    importable = False
    detail_template = "applications/repository_file_detail.html"


class ApplicationIntegrationUI(ModelUI):
    model = ApplicationIntegration
    path = "integrations"
    nav = Nav("applications", gettext_lazy("Integrasi aplikasi"), 4)
    searchable = False
    table = tables.ApplicationIntegrationTable
    filterset = filtersets.ApplicationIntegrationFilterSet
    fields = ("source", "target", "method", "description")
    form = forms.ApplicationIntegrationForm  # applications shown with their agency
    serializer = serializers.ApplicationIntegrationSerializer  # owned through the source application
    importable = False


class CommonApplicationUI(ModelUI):
    """National data (shipped in applications/data/): read by everyone, changed only by
    government-wide admins."""

    model = CommonApplication
    path = "common-applications"
    nav = Nav("applications", gettext_lazy("Aplikasi Umum nasional"), 5)
    table = tables.CommonApplicationTable
    filterset = filtersets.CommonApplicationFilterSet
    fields = ("name", "field", "provider", "legal_basis", "confirmed", "keywords", "description")
    importable = False
    related = (
        Related(
            gettext_lazy("Dipakai oleh aplikasi daerah"),
            lambda common: Application.objects.filter(common_application=common),
            tables.ApplicationTable,
        ),
    )


# Planning's pages show the applications linked to a service or a business process; the relation
# belongs to this module, so this module contributes the panels.
register_related_panel(
    "planning.service",
    "applications",
    Related(
        gettext_lazy("Aplikasi yang menyelenggarakannya"),
        lambda service: Application.objects.filter(services=service),
        tables.LinkedApplicationTable,
    ),
)
register_related_panel(
    "planning.businessprocess",
    "applications",
    Related(
        gettext_lazy("Aplikasi yang mendukungnya"),
        lambda process: Application.objects.filter(business_processes=process),
        tables.LinkedApplicationTable,
    ),
)


@login_required
def index(request):
    return redirect("applications:application_list")


@register_tab(
    Application,
    "request",
    gettext_lazy("Permohonan"),
    path="request/<slug:kind>/",
    url_name="approval_request",
    permission=permissions.CHANGE,
    in_tabs=False,
)
def approval_request(request, application, shell, kind):
    """Ask the ICT office for a consultation, a technical consideration or a duplicate decision."""
    if kind not in services.REQUESTS:
        raise Http404
    submit, flow = services.REQUESTS[kind]
    form = forms.ApprovalRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                approval = submit(application=application, user=request.user, note=form.cleaned_data["note"])
            except DomainError as error:
                form.add_error(None, error.message)
                status = 400
            else:
                messages.success(
                    request,
                    _("Permohonan %(what)s dikirim ke Dinas Kominfo.") % {"what": flow.label},
                )
                return redirect(
                    reverse("applications:application_detail", kwargs={"pk": application.pk})
                    + f"#approval-{approval.pk}"
                )
        else:
            status = 400
    duplicates = selectors.duplicate_matches(application) if kind == "duplicate-decision" else []
    return shell.render(
        "applications/approval_request.html",
        {"form": form, "flow": flow, "kind": kind, "duplicates": duplicates},
        status=status,
    )


def _download(request, model, pk):
    item = get_object_or_404(
        model.objects.restrict(request.user).select_related("application__agency__government"), pk=pk
    )
    try:
        handle = services.repository_file_open(item=item, user=request.user)
    except DomainError:
        raise Http404  # another agency is not told the file exists
    stored = item.source_archive if model is ApplicationRelease else item.file
    return FileResponse(handle, as_attachment=True, filename=stored.name.rsplit("/", 1)[-1])


@login_required
def release_download(request, pk):
    return _download(request, ApplicationRelease, pk)


@login_required
def document_download(request, pk):
    return _download(request, ApplicationDocument, pk)


def _landscape_data(request):
    restricted = Application.objects.restrict(request.user)
    filterset = filtersets.LandscapeFilterSet(request.GET or None, queryset=restricted, request=request)
    qs = filterset.qs if filterset.is_bound and filterset.is_valid() else restricted
    return filterset, selectors.landscape(request.user, qs, limit=selectors.LANDSCAPE_MAX_NODES)


@login_required
def landscape(request):
    """Applications by agency and field with their integrations, drawn as a graph."""
    filterset, data = _landscape_data(request)
    data["labels"] = {
        "kind": dict(ApplicationKind.choices),
        "status": dict(ApplicationStatus.choices),
        "source": dict(SourceModel.choices),
        "field": dict(CommonField.choices),
        "method": dict(IntegrationMethod.choices),
    }
    names = {n["id"]: n for n in data["nodes"]}
    edges = [{"edge": e, "source": names[e["source"]], "target": names[e["target"]]} for e in data["edges"]]
    counts = {
        "applications": sum(1 for n in data["nodes"] if not n["context"]),
        "agencies": len({n["agency_id"] for n in data["nodes"] if not n["context"]}),
        "integrations": len(data["edges"]),
    }
    params = request.GET.copy()
    return render(
        request,
        "applications/landscape.html",
        {
            "filterset": filterset,
            "data": data,
            "edges": edges,
            "counts": counts,
            "json_url": reverse("applications:landscape_json") + (f"?{params.urlencode()}" if params else ""),
        },
    )


@login_required
def landscape_json(request):
    _filterset, data = _landscape_data(request)
    return JsonResponse(data)
