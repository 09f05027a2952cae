from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalStatus
from spbe.core.ui import ModelUI, Nav, Related, register_related_panel, register_tab
from spbe.security import selectors as security_selectors

from . import filtersets, forms, metadata, selectors, serializers, services, tables
from .choices import DatasetStage
from .models import Dataset, DataShareRequest, Resource, Tag


class DatasetUI(ModelUI):
    model = Dataset
    natural_key = ("name",)
    path = "datasets"
    nav = Nav("data", gettext_lazy("Katalog Satu Data"), 0)
    table = tables.DatasetTable
    filterset = filtersets.DatasetFilterSet
    fields = (
        "agency",
        "title",
        "name",
        "description",
        "database_group",
        "steward",
        "steward_decree",
        "frequency",
        "last_update",
        "key_type",
        "key_column",
        "applications",
        "business_processes",
        "tags",
        "licence",
        "plan_year",
        "priority",
        "classification",
        "stage",
        "metadata",
        "published_at",
    )
    # set by the workflows (the steward's classification, the four stages, the metadata tab)
    read_only_fields = ("classification", "stage", "metadata", "published_at")
    form = forms.DatasetForm
    serializer = serializers.DatasetSerializer  # refuses a changed classification (decisions set it)
    import_guarded = {"classification": serializers.CLASSIFICATION_BY_DECISION}
    detail_template = "datasets/dataset_detail.html"
    related = (
        Related(
            gettext_lazy("Sumber data"),
            lambda d: Resource.objects.filter(dataset=d),
            tables.ResourceTable,
        ),
        Related(
            gettext_lazy("Permintaan berbagi data"),
            lambda d: DataShareRequest.objects.filter(dataset=d),
            tables.DataShareRequestTable,
        ),
    )


class ResourceUI(ModelUI):
    """Files and API links: added through the dataset's upload (the SHA-256, schema, preview and
    quality findings are read from the file), so the list and API only read them."""

    model = Resource
    path = "resources"
    nav = Nav("data", gettext_lazy("Sumber data"), 2)
    table = tables.ResourceTable
    filterset = filtersets.ResourceFilterSet
    fields = ("dataset", "name", "format", "url", "resource_version", "sha256", "size", "row_count", "schema")
    read_only = True
    importable = False
    detail_template = "datasets/resource_detail.html"


class DataShareRequestUI(ModelUI):
    """Requests and the agreements they become; made from a dataset's page, decided by the
    producing agency's steward in the approvals inbox."""

    model = DataShareRequest
    path = "sharing"
    nav = Nav("data", gettext_lazy("Berbagi data"), 3)
    table = tables.DataShareRequestTable
    filterset = filtersets.DataShareRequestFilterSet
    fields = (
        "dataset",
        "agency",
        "party_kind",
        "party_name",
        "purpose",
        "scope",
        "access",
        "valid_from",
        "valid_until",
        "status",
        "approval",
    )
    read_only = True
    importable = False
    detail_template = "datasets/share_detail.html"


class TagUI(ModelUI):
    model = Tag
    natural_key = ("name",)
    path = "tags"
    nav = Nav("data", gettext_lazy("Tag"), 5)
    table = tables.TagTable
    filterset = filtersets.TagFilterSet
    fields = ("name", "description")
    related = (
        Related(
            gettext_lazy("Dataset"), lambda tag: Dataset.objects.filter(tags=tag), tables.LinkedDatasetTable
        ),
    )


# The applications and business processes a dataset is linked to show it on their pages.
register_related_panel(
    "applications.application",
    "datasets",
    Related(
        gettext_lazy("Data yang dihasilkan/dipakai"),
        lambda app: Dataset.objects.filter(applications=app),
        tables.LinkedDatasetTable,
    ),
)
register_related_panel(
    "planning.businessprocess",
    "datasets",
    Related(
        gettext_lazy("Data yang dipakai"),
        lambda process: Dataset.objects.filter(business_processes=process),
        tables.LinkedDatasetTable,
    ),
)


@login_required
def index(request):
    return redirect("datasets:dataset_list")


# --- The four stages on the dataset's page ----------------------------------------------------


def _detail_url(dataset, anchor="") -> str:
    return reverse("datasets:dataset_stages", kwargs={"pk": dataset.pk}) + anchor


def _upload(request, dataset):
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        services.resource_add(
            dataset=dataset,
            user=request.user,
            name=data["name"],
            file_format=data["format"],
            file=data.get("file"),
            url=data.get("url") or "",
        )
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return form
    messages.success(request, _("Sumber data %(name)s diunggah.") % {"name": data["name"]})
    return None


OPS = {
    "submit": lambda request, d, f: services.dataset_submit(dataset=d, user=request.user, note=f["note"]),
    "accept": lambda request, d, f: services.dataset_accept(dataset=d, user=request.user, note=f["note"]),
    "return": lambda request, d, f: services.dataset_return(
        dataset=d, user=request.user, field=f["field"], reason=f["reason"]
    ),
    "publish": lambda request, d, f: services.dataset_publish(dataset=d, user=request.user),
    "classify": lambda request, d, f: services.dataset_classify(dataset=d, user=request.user, **f),
}
OP_FORMS = {
    "submit": forms.NoteForm,
    "accept": forms.NoteForm,
    "return": forms.ReturnForm,
    "publish": forms.NoteForm,
    "classify": forms.ClassifyForm,
}
DONE = {
    "submit": gettext_lazy("Dataset diajukan ke walidata untuk diperiksa."),
    "accept": gettext_lazy("Dataset diterima."),
    "return": gettext_lazy("Dataset dikembalikan ke produsen data untuk diperbaiki."),
    "publish": gettext_lazy("Dataset disebarluaskan."),
    "classify": gettext_lazy("Keputusan klasifikasi dicatat; klasifikasi dataset mengikutinya."),
}


@register_tab(Dataset, "stages", gettext_lazy("Tahapan"), path="stages/", order=10)
def stages(request, dataset, shell):
    """Planning, collection, checking and dissemination (Parigi Moutong Pasal 13 ayat (2))."""
    bound: dict = {}
    status = 200
    policy = security_selectors.classification_policy(dataset.agency.government_id)
    # Each form's fields get ids of their own: several forms on this page share field names
    # ("note", "reason"), and a label must point at the field of its own form.
    op_kwargs = {op: {"auto_id": f"id_{op}_%s"} for op in OP_FORMS}
    op_kwargs["classify"]["reasons"] = security_selectors.classification_reasons(policy)
    if request.method == "POST":
        op = request.POST.get("op", "")
        if op == "upload":
            if not permissions.can(request.user, dataset, permissions.CHANGE):
                raise Http404
            form = _upload(request, dataset)
            if form is None:
                return redirect(_detail_url(dataset, "#resources"))
            bound["upload"], status = form, 400
        elif op in OPS:
            form = OP_FORMS[op](request.POST, **op_kwargs[op])
            if form.is_valid():
                try:
                    OPS[op](request, dataset, form.cleaned_data)
                except DomainError as error:
                    form.add_error(None, error.message)
                else:
                    messages.success(request, str(DONE[op]))
                    return redirect(_detail_url(dataset))
            bound[op], status = form, 400
        else:
            status = 400
        dataset.refresh_from_db()
    request_ = services.review_request(dataset)
    can_change = permissions.can(request.user, dataset, permissions.CHANGE)
    steward = services.is_steward(request.user, dataset)
    may_decide = bool(
        request_
        and request_.status == ApprovalStatus.PENDING
        and approvals.may_decide(request.user, request_)
    )
    reason = ""
    if request_ is not None and request_.status == ApprovalStatus.RETURNED:
        reason = approvals.return_reasons(Dataset, [dataset.pk]).get(dataset.pk, "")
    context = {
        "stages": [
            {"value": s.value, "label": s.label, "current": s.value == dataset.stage} for s in DatasetStage
        ],
        "review": request_,
        "return_reason": reason,
        "returned_field_label": services.field_label(dataset.returned_field)
        if dataset.returned_field
        else "",
        "can_change": can_change,
        "is_steward": steward,
        "may_decide": may_decide,
        "quality": selectors.quality(dataset, request.user),
        "upload_form": bound.get("upload") or forms.UploadForm(),
        "submit_form": bound.get("submit") or forms.NoteForm(**op_kwargs["submit"]),
        "accept_form": bound.get("accept") or forms.NoteForm(**op_kwargs["accept"]),
        "return_form": bound.get("return") or forms.ReturnForm(**op_kwargs["return"]),
        "publish_form": bound.get("publish") or forms.NoteForm(**op_kwargs["publish"]),
        "classify_form": bound.get("classify")
        or forms.ClassifyForm(initial={"classification": dataset.classification}, **op_kwargs["classify"]),
        "classification_policy": policy,
        "errors": [e for f in bound.values() for e in f.non_field_errors()],
        "history": approvals.requests_for(dataset).filter(kind=services.REVIEW_FLOW.kind),
    }
    return shell.render("datasets/dataset_stages.html", context, status=status)


@register_tab(
    Dataset,
    "metadata",
    gettext_lazy("Metadata Satu Data"),
    path="metadata/",
    permission=permissions.CHANGE,
    order=20,
)
def metadata_tab(request, dataset, shell):
    form = forms.MetadataForm(request.POST or None, initial_values=dataset.metadata)
    if request.method == "POST" and form.is_valid():
        services.dataset_metadata_save(dataset=dataset, user=request.user, values=form.values())
        messages.success(request, _("Metadata disimpan."))
        return redirect(reverse("datasets:dataset_metadata", kwargs={"pk": dataset.pk}))
    sections = [
        {
            "label": s.label,
            "fields": [form[f.key.replace(".", "__")] for f in s.fields],
            "required": {f.key.replace(".", "__") for f in s.fields if f.required},
        }
        for s in metadata.sections()
    ]
    return shell.render(
        "datasets/dataset_metadata.html",
        {
            "form": form,
            "sections": sections,
            "missing": [f.label for f in metadata.missing(dataset.metadata)],
        },
        status=400 if request.method == "POST" else 200,
    )


@register_tab(Dataset, "share", gettext_lazy("Minta berbagi"), path="share/", order=30)
def share_tab(request, dataset, shell):
    """Another agency (or, through an interconnection agreement, a vertical agency or third
    party) asks the producing agency's steward to share the dataset."""
    form = forms.ShareRequestForm(request.POST or None, user=request.user, dataset=dataset)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = {k: v for k, v in form.cleaned_data.items() if k not in ("agency", "version")}
            try:
                share = services.share_request_create(
                    user=request.user, dataset=dataset, agency=form.cleaned_data["agency"], **values
                )
            except DomainError as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Permintaan berbagi data dikirim ke walidata."))
                return redirect(share.get_absolute_url())
        status = 400
    return shell.render("datasets/dataset_share.html", {"form": form}, status=status)


def _download(request, pk):
    resource = get_object_or_404(Resource.objects.restrict(request.user).select_related("dataset"), pk=pk)
    if not resource.file:
        raise Http404
    audit.record_event("datasets.resource.downloaded", resource, message=resource.name)
    return FileResponse(
        resource.file.open("rb"), as_attachment=True, filename=resource.file.name.rsplit("/", 1)[-1]
    )


@login_required
def resource_download(request, pk):
    return _download(request, pk)
