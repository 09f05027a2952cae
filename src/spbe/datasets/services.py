"""Satu Data workflows (Parigi Moutong Pasal 13 ayat (2)): planning, collection, checking and
dissemination of a dataset, the steward's classification (Sigi Pasal 18 ayat (3)), and sharing
under an agreement (Sigi Pasal 11 ayat (1), Kutai Barat Pasal 13 ayat (1)-(2)).

Checking runs through the platform's one approval mechanism (core/approvals.py): the producer
submits, the steward of the producing agency accepts or returns the dataset naming the field to fix
and why; the producer fixes it and the same request goes back (approval_resubmit)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.choices import Classification
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalRequest, ApprovalStatus

from . import metadata, tabular
from .choices import TABULAR_FORMATS, DatasetStage, ResourceFormat, ShareStatus
from .models import Dataset, DataShareRequest, Resource

STEWARD = "data_steward"
MIN_REASON = 5


def is_steward(user, dataset: Dataset) -> bool:
    """The steward of the producing agency (or a government-wide steward)."""
    return permissions.holds_role(user, STEWARD, dataset.agency)


def _locked(dataset: Dataset) -> Dataset:
    return Dataset._base_manager.select_for_update().get(pk=dataset.pk)


def _save(dataset: Dataset, **changes) -> Dataset:
    for key, value in changes.items():
        setattr(dataset, key, value)
    dataset.version += 1
    dataset.save()
    return dataset


# --- Checking: the approval flow --------------------------------------------------------------


def _review_returned(request: ApprovalRequest) -> None:
    dataset = _locked(Dataset(pk=request.object_id))
    _save(dataset, stage=DatasetStage.COLLECTING)


def _review_resubmitted(request: ApprovalRequest) -> None:
    dataset = _locked(Dataset(pk=request.object_id))
    _save(dataset, stage=DatasetStage.CHECKING, returned_field="")


def _review_accepted(request: ApprovalRequest) -> None:
    dataset = _locked(Dataset(pk=request.object_id))
    _save(dataset, stage=DatasetStage.ACCEPTED, returned_field="")
    audit.record_event("datasets.dataset.accepted", dataset)


REVIEW_FLOW = approvals.ApprovalFlow(
    kind="datasets.review",
    label=gettext_lazy("Pemeriksaan data oleh walidata"),
    steps=(approvals.ApprovalStep(role=STEWARD, label=gettext_lazy("Walidata"), scope="owner"),),
    on_approved=_review_accepted,
    on_returned=_review_returned,
    on_resubmitted=_review_resubmitted,
    # whoever may change the dataset (its producer's admins) sends the fixed dataset back
    may_resubmit=lambda user, request: permissions.can(
        user, Dataset._base_manager.get(pk=request.object_id), permissions.CHANGE
    ),
)


def _share_approved(request: ApprovalRequest) -> None:
    share = DataShareRequest._base_manager.select_for_update().get(approval=request)
    share.status = ShareStatus.APPROVED
    share.version += 1
    share.save()
    audit.record_event("datasets.share.approved", share)


def _share_refused(request: ApprovalRequest) -> None:
    share = DataShareRequest._base_manager.select_for_update().get(approval=request)
    share.status = ShareStatus.REFUSED
    share.version += 1
    share.save()
    decision = request.decisions.order_by("-pk").first()
    audit.record_event("datasets.share.refused", share, message=decision.reason if decision else "")


SHARE_FLOW = approvals.ApprovalFlow(
    kind="datasets.share",
    label=gettext_lazy("Permintaan berbagi data"),
    steps=(approvals.ApprovalStep(role=STEWARD, label=gettext_lazy("Walidata"), scope="owner"),),
    on_approved=_share_approved,
    on_rejected=_share_refused,
)
FLOWS = (REVIEW_FLOW, SHARE_FLOW)


def review_request(dataset: Dataset) -> ApprovalRequest | None:
    return approvals.requests_for(dataset).filter(kind=REVIEW_FLOW.kind).order_by("-pk").first()


def missing_for_checking(dataset: Dataset) -> list[str]:
    """What the producer still has to supply before the steward can check the dataset."""
    missing = []
    if not dataset.description.strip():
        missing.append(str(Dataset._meta.get_field("description").verbose_name))
    if not Resource._base_manager.filter(dataset=dataset).exists():
        missing.append(_("sumber data (berkas atau tautan API)"))
    return missing


def dataset_submit(*, dataset: Dataset, user, note: str = "") -> ApprovalRequest:
    """The producer sends the collected dataset to its steward for checking (or sends it back
    after fixing what the steward returned)."""
    if not permissions.can(user, dataset, permissions.CHANGE):
        raise DomainError(_("Hanya produsen data yang dapat mengajukan pemeriksaan."), code="forbidden")
    if dataset.stage not in (DatasetStage.PLANNED, DatasetStage.COLLECTING):
        raise DomainError(_("Dataset ini sedang diperiksa atau sudah diterima walidata."))
    missing = missing_for_checking(dataset)
    if missing:
        raise DomainError(_("Lengkapi dulu: %(what)s.") % {"what": ", ".join(missing)})
    with transaction.atomic():
        dataset = _locked(dataset)
        request = approvals.approval_submit(
            target=dataset, kind=REVIEW_FLOW.kind, user=user, agency=dataset.agency, note=note
        )
        dataset.refresh_from_db()
        if dataset.stage != DatasetStage.CHECKING:
            _save(dataset, stage=DatasetStage.CHECKING, returned_field="")
        audit.record_event("datasets.dataset.submitted", dataset, message=note)
    return request


def review_fields() -> list[tuple[str, str]]:
    """What a steward can return: the dataset's fields and the metadata schema's fields."""
    names = ("title", "description", "database_group", "frequency", "last_update", "key_type", "licence")
    choices = [(n, capfirst(Dataset._meta.get_field(n).verbose_name)) for n in names]
    choices.append(("resources", _("Sumber data (berkas)")))
    choices += [(f"metadata:{f.key}", f.label) for f in metadata.fields()]
    return choices


def field_label(code: str) -> str:
    return dict(review_fields()).get(code, code)


def dataset_return(*, dataset: Dataset, user, field: str, reason: str) -> ApprovalRequest:
    """The steward returns the dataset: which field is wrong and why."""
    if field not in dict(review_fields()):
        raise DomainError(_("Pilih isian yang perlu diperbaiki."), code="invalid")
    reason = (reason or "").strip()
    if len(reason) < MIN_REASON:
        raise DomainError(_("Tulis alasan pengembalian (paling sedikit %(n)d huruf).") % {"n": MIN_REASON})
    request = review_request(dataset)
    if request is None or request.status != ApprovalStatus.PENDING:
        raise DomainError(_("Dataset ini tidak sedang menunggu pemeriksaan."))
    with transaction.atomic():
        approvals.approval_decide(
            request=request,
            user=user,
            decision=approvals.RETURN,
            reason=f"{field_label(field)}: {reason}",
        )
        dataset = _locked(dataset)
        _save(dataset, returned_field=field)
        audit.record_event("datasets.dataset.returned", dataset, message=f"{field}: {reason}")
    return request


def dataset_accept(*, dataset: Dataset, user, note: str = "") -> ApprovalRequest:
    request = review_request(dataset)
    if request is None or request.status != ApprovalStatus.PENDING:
        raise DomainError(_("Dataset ini tidak sedang menunggu pemeriksaan."))
    return approvals.approval_decide(request=request, user=user, approve=True, reason=note)


def dataset_publish(*, dataset: Dataset, user) -> Dataset:
    """Dissemination: the steward publishes an accepted dataset. OPEN ones reach the open-data
    portal, the CKAN API and DCAT; LIMITED ones are disseminated to agencies under agreements."""
    if not is_steward(user, dataset):
        raise DomainError(_("Hanya walidata yang dapat menyebarluaskan dataset."), code="forbidden")
    with transaction.atomic():
        dataset = _locked(dataset)
        if dataset.stage != DatasetStage.ACCEPTED:
            raise DomainError(_("Hanya dataset yang sudah diterima walidata yang dapat disebarluaskan."))
        _save(dataset, stage=DatasetStage.PUBLISHED, published_at=timezone.now())
        audit.record_event("datasets.dataset.published", dataset)
    return dataset


def dataset_classify(
    *, dataset: Dataset, user, classification: str, reason, explanation: str, review_due=None
):
    """The steward sets the dataset's confidentiality (Sigi Pasal 18 ayat (3), Kutai Barat Pasal 20
    ayat (3)) the one way there is: a classification decision under the government's policy, with
    one of its reasons (security.services.classification_decide). Returns the decision."""
    from spbe.security.services import classification_decide

    if classification not in Classification.values:
        raise DomainError(_("Klasifikasi tidak dikenal."), code="invalid")
    return classification_decide(
        subject=dataset,
        user=user,
        level=classification,
        reason=reason,
        explanation=explanation,
        review_due=review_due,
    )


def classification_follow(*, dataset: Dataset, decision) -> Dataset:
    """The dataset takes the level of the classification decision just recorded for it (called by
    the decision service inside its transaction, never on its own). Closing a dataset ends the
    agreements that share it."""
    if decision.dataset_id != dataset.pk or not decision.current:
        raise DomainError(_("Klasifikasi hanya berubah lewat keputusan klasifikasi yang berlaku."))
    with transaction.atomic():
        dataset = _locked(dataset)
        before, level = dataset.classification, decision.level
        _save(dataset, classification=level, classified_at=timezone.now())
        if level == Classification.CLOSED:
            DataShareRequest._base_manager.filter(
                dataset=dataset, status__in=(ShareStatus.APPROVED, ShareStatus.REQUESTED)
            ).update(status=ShareStatus.ENDED)
        audit.record_event(
            "datasets.dataset.classified",
            dataset,
            message=f"{before} → {level}. {decision.explanation}".strip(),
        )
    return dataset


# --- Collection: resources --------------------------------------------------------------------


def resource_prepare(resource: Resource, dataset: Dataset) -> None:
    """Fill what an upload determines: version under its name, SHA-256, size, and for tabular
    files the columns, preview, row count and quality findings. Raises ValidationError on a file
    that cannot be read (the form shows it on the file field)."""
    previous = (
        Resource._base_manager.filter(dataset=dataset, name=resource.name)
        .exclude(pk=resource.pk)
        .order_by("-resource_version")
        .values_list("resource_version", flat=True)
        .first()
    )
    if resource.pk is None:
        resource.resource_version = (previous or 0) + 1
    if resource.format == ResourceFormat.API or not resource.file:
        return
    handle = resource.file
    handle.seek(0)
    resource.sha256, resource.size = tabular.sha256_of(handle)
    if resource.format in TABULAR_FORMATS:
        data = handle.read()
        handle.seek(0)
        try:
            reading = tabular.read(
                data, resource.format, key_type=dataset.key_type, key_column=dataset.key_column
            )
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
        resource.schema = reading.schema
        resource.preview = reading.preview
        resource.row_count = reading.row_count
        resource.problems = reading.problems


def resource_recorded(*, resource: Resource, user=None) -> None:
    """After a resource is saved: the dataset is being collected and was updated today."""
    with transaction.atomic():
        dataset = _locked(resource.dataset)
        changes = {"last_update": timezone.localdate()}
        if dataset.stage == DatasetStage.PLANNED:
            changes["stage"] = DatasetStage.COLLECTING
        _save(dataset, **changes)
        audit.record_event("datasets.resource.uploaded", resource, message=resource.name)


def resource_add(
    *, dataset: Dataset, user, name: str, file_format: str, file=None, url: str = ""
) -> Resource:
    """Add a file or API link to a dataset (pages, API and demo all come here)."""
    if not permissions.can(user, dataset, permissions.CHANGE):
        raise DomainError(_("Anda tidak dapat mengubah dataset ini."), code="forbidden")
    resource = Resource(dataset=dataset, name=name, format=file_format, url=url or "", created_by=user)
    if file is not None:
        resource.file = file
    with transaction.atomic():
        resource_prepare(resource, dataset)
        resource.full_clean(exclude=["file"] if file is not None and not hasattr(file, "name") else None)
        resource.save()
        resource_recorded(resource=resource, user=user)
    return resource


# --- Sharing ----------------------------------------------------------------------------------


def share_request_submit(*, share: DataShareRequest, user) -> DataShareRequest:
    """Send a saved request to the producing agency's steward."""
    if not permissions.can(user, share, permissions.CHANGE):
        raise DomainError(_("Hanya perangkat daerah peminta yang dapat mengajukan."), code="forbidden")
    if share.status != ShareStatus.REQUESTED or share.approval_id:
        raise DomainError(_("Permintaan ini sudah diajukan."))
    with transaction.atomic():
        request = approvals.approval_submit(
            target=share, kind=SHARE_FLOW.kind, user=user, agency=share.dataset.agency, note=share.purpose
        )
        share = DataShareRequest._base_manager.select_for_update().get(pk=share.pk)
        share.approval = request
        share.version += 1
        share.save()
        audit.record_event("datasets.share.requested", share, message=share.purpose)
    return share


def share_request_create(*, user, dataset: Dataset, agency, **values) -> DataShareRequest:
    if not permissions.may_create(user, DataShareRequest, agency):
        raise DomainError(_("Anda tidak dapat mengajukan atas nama perangkat daerah ini."), code="forbidden")
    share = DataShareRequest(dataset=dataset, agency=agency, created_by=user, **values)
    share.full_clean()
    with transaction.atomic():
        share.save()
        share_request_submit(share=share, user=user)
    share.refresh_from_db()
    return share


def share_decide(*, share: DataShareRequest, user, approve: bool, reason: str = "") -> DataShareRequest:
    if share.approval is None:
        raise DomainError(_("Permintaan ini belum diajukan."))
    approvals.approval_decide(request=share.approval, user=user, approve=approve, reason=reason)
    share.refresh_from_db()
    return share


def dataset_metadata_save(*, dataset: Dataset, user, values: dict) -> Dataset:
    """Save the Satu Data metadata (only keys the schema knows)."""
    if not permissions.can(user, dataset, permissions.CHANGE):
        raise DomainError(_("Anda tidak dapat mengubah dataset ini."), code="forbidden")
    known = {f.key for f in metadata.fields()}
    clean = {k: v for k, v in values.items() if k in known}
    with transaction.atomic():
        dataset = _locked(dataset)
        _save(dataset, metadata=clean)
        audit.record_event("datasets.dataset.metadata_saved", dataset)
    return dataset
