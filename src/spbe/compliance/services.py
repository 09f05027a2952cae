"""Compliance workflows: attest an obligation, decide on an attestation, run an evaluation."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.errors import DomainError

from .models import Attestation, AttestationStatus, Obligation, Regulation


def _attestation_moved(status: str, event: str):
    def move(request):
        attestation = Attestation.objects.get(pk=request.object_id)
        attestation.status = status
        attestation.version += 1
        attestation.save()
        audit.record_event(event, attestation)

    return move


def may_fix_attestation(user, request) -> bool:
    """Whoever may attest for the attestation's subject may fix a returned one and send it back
    (the person who submitted it may have moved on)."""
    return permissions.may_create(user, Attestation, request.agency)


ATTESTATION_FLOW = approvals.ApprovalFlow(
    kind="compliance.attestation",
    label=gettext_lazy("Pernyataan pemenuhan kewajiban"),
    steps=(approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Peninjau Dinas Kominfo")),),
    on_approved=_attestation_moved(AttestationStatus.ACCEPTED, "compliance.attestation.accepted"),
    on_rejected=_attestation_moved(AttestationStatus.REJECTED, "compliance.attestation.rejected"),
    on_returned=_attestation_moved(AttestationStatus.RETURNED, "compliance.attestation.returned"),
    on_resubmitted=_attestation_moved(AttestationStatus.SUBMITTED, "compliance.attestation.resubmitted"),
    may_resubmit=may_fix_attestation,
)

DEFAULT_VALIDITY_DAYS = 365


def attestation_submit(
    *,
    obligation: Obligation,
    government,
    agency,
    user,
    statement: str,
    evidence_links: str = "",
    valid_until: datetime.date | None = None,
    files=(),
) -> Attestation:
    """The responsible user of the subject confirms an obligation, with evidence, for review."""
    statement = (statement or "").strip()
    if not permissions.may_create(user, Attestation, agency):
        raise DomainError(
            _("Anda bukan penanggung jawab kewajiban ini untuk subjek tersebut."), code="forbidden"
        )
    if obligation.is_government_level and agency is not None:
        raise DomainError(_("Kewajiban ini berlaku untuk pemerintah daerah, bukan satu perangkat daerah."))
    today = timezone.localdate()
    valid_until = _checked_evidence(statement, evidence_links, valid_until, files, has_files=False)
    with transaction.atomic():
        attestation = Attestation.objects.create(
            government=government,
            obligation=obligation,
            agency=agency,
            statement=statement,
            evidence_links=evidence_links.strip(),
            valid_from=today,
            valid_until=valid_until,
            submitted_by=user,
            created_by=user,
        )
        _attach(attestation, files, user)
        approvals.approval_submit(
            target=attestation, kind=ATTESTATION_FLOW.kind, user=user, agency=agency, note=statement[:500]
        )
        audit.record_event("compliance.attestation.submitted", attestation)
    return attestation


def _checked_evidence(statement, evidence_links, valid_until, files, *, has_files) -> datetime.date:
    """The rules a statement and its evidence meet, on submission and on resubmission; the validity
    end (a year from today when not given)."""
    from spbe.core.views.shell import validate_upload

    if len((statement or "").strip()) < 10:
        raise DomainError(_("Jelaskan bagaimana kewajiban ini dipenuhi (paling sedikit 10 huruf)."))
    today = timezone.localdate()
    valid_until = valid_until or today + datetime.timedelta(days=DEFAULT_VALIDITY_DAYS)
    if valid_until <= today:
        raise DomainError(_("Tanggal akhir berlaku harus setelah hari ini."))
    if not files and not has_files and not (evidence_links or "").strip():
        raise DomainError(_("Lampirkan paling sedikit satu bukti: berkas atau tautan."))
    for upload in files:
        validate_upload(upload)
    return valid_until


def _attach(attestation: Attestation, files, user) -> None:
    from spbe.core.models import Attachment
    from spbe.core.views.shell import sha256_of

    for upload in files:
        attachment = Attachment(
            parent=attestation,
            name=upload.name[:255],
            size=upload.size,
            sha256=sha256_of(upload),
            content_type_name=getattr(upload, "content_type", "")[:100],
            created_by=user,
        )
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()


def returned_request(attestation: Attestation):
    """The attestation's approval request when the ICT office returned it for fixing, else None."""
    from spbe.core.models import ApprovalStatus

    return next((r for r in approvals.requests_for(attestation) if r.status == ApprovalStatus.RETURNED), None)


def attestation_resubmit(
    *,
    attestation: Attestation,
    user,
    statement: str,
    evidence_links: str = "",
    valid_until: datetime.date | None = None,
    files=(),
    note: str = "",
) -> Attestation:
    """A returned attestation, fixed by a person who may attest for its subject (statement,
    evidence, validity; files are added, the earlier ones stay), goes back to review as the same
    approval request, its earlier decisions kept."""
    request = returned_request(attestation)
    if attestation.status != AttestationStatus.RETURNED or request is None:
        raise DomainError(_("Hanya pernyataan yang dikembalikan yang dapat diperbaiki dan diajukan kembali."))
    if not approvals.may_resubmit(user, request):
        raise DomainError(
            _("Anda bukan penanggung jawab kewajiban ini untuk subjek tersebut."), code="forbidden"
        )
    statement = (statement or "").strip()
    has_files = attestation.pk is not None and _has_files(attestation)
    valid_until = _checked_evidence(statement, evidence_links, valid_until, files, has_files=has_files)
    with transaction.atomic():
        attestation = Attestation.objects.select_for_update().get(pk=attestation.pk)
        attestation.statement = statement
        attestation.evidence_links = (evidence_links or "").strip()
        attestation.valid_until = valid_until
        attestation.version += 1
        attestation.save()
        _attach(attestation, files, user)
        approvals.approval_resubmit(request=request, user=user, note=note or statement[:500])
    attestation.refresh_from_db()
    return attestation


def _has_files(attestation: Attestation) -> bool:
    from spbe.core.models import Attachment

    return Attachment.objects.filter(
        content_type__app_label="compliance", content_type__model="attestation", object_id=attestation.pk
    ).exists()


ACTIONS = (
    permissions.Action(
        "compliance.run",
        gettext_lazy("Menjalankan evaluasi kepatuhan penuh"),
        roles=("platform_admin", "ict_admin"),
        scope=permissions.GOVERNMENT,
        who=gettext_lazy("Admin platform dan admin Dinas Kominfo (seluruh pemda)."),
    ),
    permissions.Action(
        "compliance.load_profile",
        gettext_lazy("Memuat atau memuat ulang profil regulasi"),
        roles=("platform_admin", "ict_admin"),
        scope=permissions.GOVERNMENT,
        who=gettext_lazy(
            "Admin platform dan admin Dinas Kominfo (seluruh pemda): regulasi itu milik pemdanya."
        ),
    ),
)


def regulation_choices() -> list[tuple[str, str]]:
    return [(r.code, str(r)) for r in Regulation.objects.order_by("regency", "year")]


def regulation_government_kind(code: str) -> str | None:
    return Regulation.objects.filter(code=code).values_list("government_kind", flat=True).first()


def responsible_for(obligation: Obligation, government, user):
    """The subjects this user may attest the obligation for (agencies, or None for the government)."""
    from .engine import subjects_for

    subjects = subjects_for(obligation, government, {})
    return [s for s in subjects if permissions.may_create(user, Attestation, s.agency)]


def _activity_decided(status):
    def decide(request):
        from .models import RecordedActivity

        activity = RecordedActivity.objects.get(pk=request.object_id)
        activity.status = status
        activity.version += 1
        activity.save()
        audit.record_event(f"compliance.activity.{status}", activity)

    return decide


ACTIVITY_FLOW = approvals.ApprovalFlow(
    kind="compliance.activity",
    label=gettext_lazy("Kegiatan tercatat sebagai bukti kewajiban"),
    steps=(approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Peninjau Dinas Kominfo")),),
    on_approved=_activity_decided("approved"),
    on_rejected=_activity_decided("rejected"),
    # Returned: the agency corrects the activity on its edit page and sends it back from the
    # approval page; anyone who may change the activity may do so.
    on_returned=_activity_decided("returned"),
    on_resubmitted=_activity_decided("submitted"),
    may_resubmit=lambda user, request: _may_change_activity(user, request.object_id),
)


def _may_change_activity(user, pk) -> bool:
    from .models import RecordedActivity

    return (
        permissions.restrict(RecordedActivity.objects.all(), user, permissions.CHANGE).filter(pk=pk).exists()
    )


def activity_recorded(activity) -> None:
    """A new activity of a kind that needs approval goes to the ICT office; until approved it is no
    evidence (record_every counts only approved ones of such kinds)."""
    from .models import ActivityStatus

    if not activity.kind.approval_required or activity.status != ActivityStatus.RECORDED:
        return
    if activity.created_by_id is None:
        raise DomainError(_("Kegiatan yang perlu persetujuan harus dicatat oleh seorang pengguna."))
    activity.status = ActivityStatus.SUBMITTED
    activity.version += 1
    activity.save(update_fields=["status", "version"])
    approvals.approval_submit(
        target=activity, kind=ACTIVITY_FLOW.kind, user=activity.created_by, agency=activity.agency
    )
