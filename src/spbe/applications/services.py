"""Application workflows, all through the platform's one approval mechanism (core/approvals.py):

- consultation: an agency consults the ICT office before planning or building a SPECIFIC
  application (Parigi Moutong Pasal 24 ayat (2); Sigi Pasal 12 ayat (5); Pangkep Pasal 17-18);
- technical consideration: the ICT office allows a CLOSED-source application (Parigi Moutong
  Pasal 24 ayat (5));
- duplicate decision: the ICT office decides on an application that looks like a national common
  application (Bengkulu Tengah Pasal 7 ayat (3); Perpres 95/2018 Pasal 37).

On approval the decision is linked on the application (the request that allowed it); on
rejection the application is unchanged and the decision, with its reason, stays in its history.
Also: recording a repository download, and loading the national list of common applications.
"""

from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.datafiles import read_yaml
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalRequest

from . import selectors
from .choices import ApplicationKind, CommonField, SourceModel
from .models import Application, ApplicationDocument, ApplicationRelease, CommonApplication

MIN_NOTE = 10


def _decision_reason(request: ApprovalRequest) -> str:
    decision = request.decisions.order_by("-decided_at", "-pk").first()
    return decision.reason if decision else ""


def _on_approved(attribute: str, code: str):
    def granted(request: ApprovalRequest) -> None:
        application = Application._base_manager.select_for_update().get(pk=request.object_id)
        setattr(application, attribute, request)
        application.version += 1
        application.save()
        audit.record_event(code, application, message=_decision_reason(request))

    return granted


def _on_rejected(code: str):
    def refused(request: ApprovalRequest) -> None:
        application = Application._base_manager.get(pk=request.object_id)
        audit.record_event(code, application, message=_decision_reason(request))

    return refused


ICT_OFFICE_STEP = approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Dinas Kominfo"))

CONSULTATION_FLOW = approvals.ApprovalFlow(
    kind="applications.consultation",
    label=gettext_lazy("Konsultasi pengembangan Aplikasi Khusus"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_on_approved("consultation", "applications.consultation.granted"),
    on_rejected=_on_rejected("applications.consultation.refused"),
)
CONSIDERATION_FLOW = approvals.ApprovalFlow(
    kind="applications.technical_consideration",
    label=gettext_lazy("Pertimbangan teknis kode sumber tertutup"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_on_approved("technical_consideration", "applications.consideration.granted"),
    on_rejected=_on_rejected("applications.consideration.refused"),
)
DUPLICATE_FLOW = approvals.ApprovalFlow(
    kind="applications.common_duplicate",
    label=gettext_lazy("Keputusan duplikasi Aplikasi Umum"),
    steps=(ICT_OFFICE_STEP,),
    on_approved=_on_approved("duplicate_decision", "applications.duplicate.granted"),
    on_rejected=_on_rejected("applications.duplicate.refused"),
)
FLOWS = (CONSULTATION_FLOW, CONSIDERATION_FLOW, DUPLICATE_FLOW)


def _check_request(application: Application, user, note: str) -> str:
    if not permissions.can(user, application, permissions.CHANGE):
        raise DomainError(
            _(
                "Hanya admin atau kepala perangkat daerah pemilik aplikasi yang dapat mengajukan permohonan ini."
            ),
            code="forbidden",
        )
    note = (note or "").strip()
    if len(note) < MIN_NOTE:
        raise DomainError(
            _("Jelaskan permohonan Anda (paling sedikit %(n)d huruf).") % {"n": MIN_NOTE}, code="invalid"
        )
    return note


def _submit(application: Application, flow: approvals.ApprovalFlow, user, note: str, code: str):
    with transaction.atomic():
        request = approvals.approval_submit(
            target=application, kind=flow.kind, user=user, agency=application.agency, note=note
        )
        audit.record_event(code, application, message=note)
    return request


def consultation_submit(*, application: Application, user, note: str) -> ApprovalRequest:
    """The agency consults the ICT office about a SPECIFIC application before planning it."""
    note = _check_request(application, user, note)
    if application.kind != ApplicationKind.SPECIFIC:
        raise DomainError(_("Konsultasi pengembangan hanya untuk Aplikasi Khusus."))
    if application.consultation_id:
        raise DomainError(_("Konsultasi pengembangan aplikasi ini sudah disetujui Dinas Kominfo."))
    return _submit(application, CONSULTATION_FLOW, user, note, "applications.consultation.requested")


def technical_consideration_submit(*, application: Application, user, note: str) -> ApprovalRequest:
    """The agency asks the ICT office's technical consideration for a CLOSED-source application."""
    note = _check_request(application, user, note)
    if application.source_model != SourceModel.CLOSED:
        raise DomainError(_("Pertimbangan teknis hanya diperlukan untuk aplikasi kode sumber tertutup."))
    if application.technical_consideration_id:
        raise DomainError(_("Aplikasi ini sudah memperoleh pertimbangan teknis Dinas Kominfo."))
    return _submit(application, CONSIDERATION_FLOW, user, note, "applications.consideration.requested")


def duplicate_decision_submit(*, application: Application, user, note: str) -> ApprovalRequest:
    """The agency asks the ICT office to decide on an application that looks like a national
    common application (why it is needed, how it relates to the national one)."""
    note = _check_request(application, user, note)
    if not selectors.duplicate_matches(application):
        raise DomainError(_("Aplikasi ini tidak tampak menduplikasi Aplikasi Umum nasional."))
    if application.duplicate_decision_id:
        raise DomainError(_("Dinas Kominfo sudah memutuskan duplikasi aplikasi ini."))
    return _submit(application, DUPLICATE_FLOW, user, note, "applications.duplicate.requested")


REQUESTS = {
    "consultation": (consultation_submit, CONSULTATION_FLOW),
    "technical-consideration": (technical_consideration_submit, CONSIDERATION_FLOW),
    "duplicate-decision": (duplicate_decision_submit, DUPLICATE_FLOW),
}


def repository_file_open(*, item: ApplicationRelease | ApplicationDocument, user):
    """Open a release's source archive or a document for download, after the repository's
    access rule; records who took it. Out of rule: the caller answers 404 (nothing leaks)."""
    if not selectors.may_download(user, item.application):
        raise DomainError(
            _("Berkas repositori hanya untuk PD pemilik, Dinas Kominfo dan auditor."), code="forbidden"
        )
    stored = item.source_archive if isinstance(item, ApplicationRelease) else item.file
    if not stored:
        raise DomainError(_("Berkas tidak ada."), code="missing")
    handle = stored.open("rb")
    code = (
        "applications.release.downloaded"
        if isinstance(item, ApplicationRelease)
        else "applications.document.downloaded"
    )
    audit.record_event(code, item, message=stored.name.rsplit("/", 1)[-1])
    return handle


# --- The national list of common applications ------------------------------------------------

DATA_FILE = Path(__file__).resolve().parent / "data" / "common_applications.yaml"
SHIPPED_FIELDS = ("field", "provider", "legal_basis", "confirmed", "keywords", "description")


def common_applications_load(path: Path = DATA_FILE) -> tuple[int, int]:
    """Create the shipped common applications that are missing and update those the file
    changes; rows added on the platform stay. Returns (created, updated)."""
    entries = read_yaml(path) or []
    created = updated = 0
    with transaction.atomic():
        existing = {c.name: c for c in CommonApplication._base_manager.all()}
        for entry in entries:
            if entry.get("field") not in CommonField.values:
                raise ValueError(
                    f"{path}: bidang tidak dikenal untuk {entry.get('name')}: {entry.get('field')}"
                )
            values = {
                "field": entry["field"],
                "provider": entry.get("provider", ""),
                "legal_basis": entry.get("legal_basis") or "",
                "confirmed": bool(entry.get("confirmed", True)),
                "keywords": ", ".join(entry.get("keywords") or []),
                "description": (entry.get("description") or "").strip(),
            }
            row = existing.get(entry["name"])
            if row is None:
                CommonApplication.objects.create(name=entry["name"], **values)
                created += 1
                continue
            if any(getattr(row, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                row.version += 1
                row.save()
                updated += 1
    return created, updated
