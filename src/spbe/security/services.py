"""Security workflows: handling an incident, the written notice to the data steward, recording a
certificate monitoring, and security service requests (through the one approval mechanism).

Every function owns its transaction, raises DomainError with a message for the user, records an
audit event under a registered code, and is what pages, API and commands call alike.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, notifications, permissions
from spbe.core.choices import Classification
from spbe.core.datafiles import read_yaml
from spbe.core.errors import DomainError
from spbe.core.models import ApprovalRequest
from spbe.org.choices import Role
from spbe.org.letters import letterhead

from . import selectors
from .choices import IncidentEventKind, IncidentSeverity, IncidentStatus, ServiceRequestStatus
from .models import (
    CertificateMonitoring,
    ClassificationDecision,
    ClassificationPolicy,
    Incident,
    IncidentEvent,
    SecurityServiceKind,
    SecurityServiceRequest,
    VulnerabilityFinding,
)

DATA_DIR = Path(__file__).parent / "data"
SERVICE_KINDS_FILE = DATA_DIR / "service_kinds.yaml"

# The letter's title says nothing of the incident: the register of issued documents and the public
# verification page show a title, and an incident's details stay with those who may see it.
NOTICE_TITLE = "Pemberitahuan Tertulis Insiden Keamanan SPBE"
NOTICE_CLASSIFICATION = "000.5.4"  # kode klasifikasi arsip: keamanan informasi (persandian)

HANDLE_ACTION = "security.incident.handle"
MONITOR_ACTION = "security.certificates.monitor"
SERVICE_REPORT_ACTION = "security.service.report"


# --- Incidents ---------------------------------------------------------------------------------


def incident_reported(incident: Incident) -> None:
    """Tell the ICT office at once (Sigi Pasal 18 ayat (4)): its admins get a notification when the
    report is committed. Called for every new incident, whatever the door (page, API, import)."""

    def send():
        holders = permissions.role_holders(Role.ICT_ADMIN, incident.agency)
        notifications.notify(
            holders,
            _("Laporan insiden keamanan dari %(agency)s") % {"agency": incident.agency},
            url=incident.get_absolute_url(),
            key=f"security:incident:{incident.pk}",
        )

    transaction.on_commit(send)


def incident_handle(
    *,
    incident: Incident,
    user,
    severity: str,
    status: str,
    containment: str = "",
    recovery: str = "",
    lessons_learned: str = "",
    note: str = "",
) -> Incident:
    """The ICT office triages and handles a reported incident; each change is a timeline line."""
    if not permissions.may(user, HANDLE_ACTION, incident):
        raise DomainError(_("Hanya Dinas Kominfo yang menangani insiden keamanan."), code="forbidden")
    if severity not in IncidentSeverity.values or status not in IncidentStatus.values:
        raise DomainError(_("Tingkat keparahan atau status tidak dikenal."), code="invalid")
    if status != IncidentStatus.REPORTED and severity == IncidentSeverity.UNTRIAGED:
        raise DomainError(_("Tingkat keparahan: nilai insiden sebelum mengubah statusnya."), code="invalid")
    if status == IncidentStatus.CLOSED and not (lessons_learned or "").strip():
        raise DomainError(_("Pelajaran: isi pelajaran yang dipetik sebelum menutup insiden."), code="invalid")
    with transaction.atomic():
        locked = Incident._base_manager.select_for_update().get(pk=incident.pk)
        changes = []
        if locked.severity != severity:
            changes.append(
                (
                    IncidentEventKind.TRIAGE,
                    _("Tingkat keparahan: %(v)s") % {"v": IncidentSeverity(severity).label},
                )
            )
        if locked.status != status:
            kind = {
                IncidentStatus.CONTAINED: IncidentEventKind.CONTAINMENT,
                IncidentStatus.RECOVERED: IncidentEventKind.RECOVERY,
            }.get(status, IncidentEventKind.TRIAGE)
            changes.append((kind, _("Status: %(v)s") % {"v": IncidentStatus(status).label}))
        locked.severity, locked.status = severity, status
        locked.containment, locked.recovery, locked.lessons_learned = containment, recovery, lessons_learned
        if status == IncidentStatus.CLOSED and locked.closed_at is None:
            locked.closed_at = timezone.now()
        locked.version += 1
        locked.save()
        lines = [str(text) for _kind, text in changes]
        if (note or "").strip():
            lines.append(note.strip())
        if lines:
            IncidentEvent.objects.create(
                incident=locked,
                kind=changes[0][0] if changes else IncidentEventKind.NOTE,
                note="; ".join(lines),
                created_by=user,
            )
        audit.record_event("security.incident.handled", locked, message="\n".join(lines))
    return locked


def incident_notify_steward(*, incident: Incident, user):
    """The written notice to the data steward (Sigi Pasal 18 ayat (4), Kutai Barat Pasal 20 ayat (4)):
    an official letter of the reporting agency, issued and signed through core.documents."""
    from spbe.core import documents

    if not permissions.can(user, incident, permissions.CHANGE) and not permissions.may(
        user, HANDLE_ACTION, incident
    ):
        raise DomainError(
            _("Hanya PD pelapor atau Dinas Kominfo yang dapat mengirim pemberitahuan ini."), code="forbidden"
        )
    steward = selectors.steward_for(incident.agency)
    agency = incident.agency
    frame = letterhead(agency.government, agency)
    context = {
        **frame,
        "number": f"{NOTICE_CLASSIFICATION}/{incident.pk:04d}/{agency.short_name or 'PD'}/{frame['today'].year}",
        "nature": "Rahasia",
        "incident": incident,
        "agency": agency,
        "steward": steward,
        "tz": timezone.get_current_timezone_name(),
        "events": list(incident.events.order_by("at", "pk")),
        "applications": list(incident.applications.order_by("name", "pk")),
    }
    with transaction.atomic():
        locked = Incident._base_manager.select_for_update().get(pk=incident.pk)
        doc = documents.issue_letter(
            "security/incident_notice.html",
            context,
            kind="incident_notice",
            title=NOTICE_TITLE,
            agency=agency,
            classification=Classification.CLOSED,
            user=user,
            subject=locked,
            location=frame["place"],
        )
        locked.steward_notified_at = doc.signed_at or timezone.now()
        locked.steward_notice = doc
        locked.version += 1
        locked.save()
        IncidentEvent.objects.create(
            incident=locked,
            kind=IncidentEventKind.NOTICE,
            note=_("Pemberitahuan tertulis ke walidata diterbitkan: %(n)s (kode %(c)s).")
            % {"n": doc.number, "c": doc.code},
            created_by=user,
        )
        audit.record_event("security.incident.steward_notified", locked, message=doc.number)
    return doc


# --- Certificates ------------------------------------------------------------------------------


def certificate_monitoring_record(*, government, user, notes: str = "") -> CertificateMonitoring:
    """The ICT office records a monitoring of every agency's certificates (Sigi Pasal 19 ayat (3)):
    coverage as it stands today, kept as evidence `certificate_monitoring`."""
    if not permissions.may(user, MONITOR_ACTION, None):
        raise DomainError(_("Hanya Dinas Kominfo yang mencatat pemantauan sertifikat."), code="forbidden")
    if government.ict_office_id is None:
        raise DomainError(_("Dinas Kominfo pemerintah daerah ini belum ditetapkan."), code="invalid")
    coverage = selectors.certificate_coverage(
        government, education_letter=selectors.education_letter_allowed(government)
    )
    with transaction.atomic():
        record = CertificateMonitoring.objects.create(
            agency_id=government.ict_office_id,
            date=timezone.localdate(),
            duties=coverage.duties,
            covered=coverage.covered,
            expiring=coverage.expiring,
            agencies_below=coverage.agencies_below,
            notes=notes,
            created_by=user,
        )
        audit.record_event("security.certificates.monitored", record, message=notes)
    return record


# --- Security services -------------------------------------------------------------------------


def _on_approved(request: ApprovalRequest) -> None:
    row = SecurityServiceRequest._base_manager.select_for_update().get(pk=request.object_id)
    row.status = ServiceRequestStatus.PLANNED
    if row.planned_date is None:
        row.planned_date = timezone.localdate() + datetime.timedelta(days=14)
    row.version += 1
    row.save()
    audit.record_event("security.service.planned", row)


def _on_rejected(request: ApprovalRequest) -> None:
    row = SecurityServiceRequest._base_manager.select_for_update().get(pk=request.object_id)
    row.status = ServiceRequestStatus.DECLINED
    row.version += 1
    row.save()
    audit.record_event("security.service.declined", row)


SERVICE_FLOW = approvals.ApprovalFlow(
    kind="security.service_request",
    label=gettext_lazy("Permohonan layanan keamanan informasi"),
    steps=(approvals.ApprovalStep(role="ict_admin", label=gettext_lazy("Dinas Kominfo")),),
    on_approved=_on_approved,
    on_rejected=_on_rejected,
)
FLOWS = (SERVICE_FLOW,)


def service_request_submit(*, request_row: SecurityServiceRequest, user, note: str = "") -> ApprovalRequest:
    """The agency sends its request to the ICT office, which approves (plans) or declines it."""
    if not permissions.can(user, request_row, permissions.CHANGE):
        raise DomainError(_("Hanya admin atau kepala PD pemohon yang dapat mengajukan."), code="forbidden")
    if request_row.status != ServiceRequestStatus.REQUESTED:
        raise DomainError(_("Permohonan ini sudah diputuskan."), code="invalid")
    with transaction.atomic():
        approval = approvals.approval_submit(
            target=request_row,
            kind=SERVICE_FLOW.kind,
            user=user,
            agency=request_row.agency,
            note=(note or request_row.description)[:2000],
        )
        audit.record_event("security.service.requested", request_row, message=note)
    return approval


def service_request_plan(*, request_row: SecurityServiceRequest, user, planned_date: datetime.date):
    """The ICT office sets or moves the date it will provide an approved service."""
    if not permissions.may(user, SERVICE_REPORT_ACTION, request_row):
        raise DomainError(_("Hanya Dinas Kominfo yang merencanakan layanan keamanan."), code="forbidden")
    if request_row.status not in (ServiceRequestStatus.PLANNED, ServiceRequestStatus.REQUESTED):
        raise DomainError(_("Layanan yang selesai atau ditolak tidak direncanakan ulang."), code="invalid")
    with transaction.atomic():
        row = SecurityServiceRequest._base_manager.select_for_update().get(pk=request_row.pk)
        row.planned_date = planned_date
        row.status = ServiceRequestStatus.PLANNED
        row.version += 1
        row.save()
        audit.record_event("security.service.planned", row)
    return row


def service_request_report(
    *, request_row: SecurityServiceRequest, user, done_date: datetime.date, report: str, findings: str = ""
):
    """The ICT office reports a service done (Parigi Moutong Pasal 28): date, report, findings."""
    if not permissions.may(user, SERVICE_REPORT_ACTION, request_row):
        raise DomainError(_("Hanya Dinas Kominfo yang melaporkan layanan keamanan."), code="forbidden")
    if request_row.status != ServiceRequestStatus.PLANNED:
        raise DomainError(
            _("Hanya layanan yang sudah direncanakan yang dapat dilaporkan selesai."), code="invalid"
        )
    if done_date > timezone.localdate():
        raise DomainError(_("Tanggal selesai tidak boleh di masa depan."), code="invalid")
    if len((report or "").strip()) < 10:
        raise DomainError(_("Laporan pelaksanaan: uraikan paling sedikit 10 huruf."), code="invalid")
    with transaction.atomic():
        row = SecurityServiceRequest._base_manager.select_for_update().get(pk=request_row.pk)
        row.done_date, row.report, row.findings = done_date, report.strip(), (findings or "").strip()
        row.status = ServiceRequestStatus.DONE
        row.version += 1
        row.save()
        audit.record_event("security.service.reported", row)
    return row


# --- Vulnerability findings -> the SPBE risk register -----------------------------------------


def risk_contexts_for(finding: VulnerabilityFinding):
    """The registers a finding may go into: the requesting agency's risk contexts, newest year first."""
    from spbe.management.selectors import risk_contexts_of

    return risk_contexts_of(finding.service_request.agency_id)


def finding_register_risk(*, finding: VulnerabilityFinding, user, context=None):
    """Register a vulnerability finding as a risk (category Keamanan SPBE) in the requesting agency's
    risk register, and link the two. Idempotent: a finding already registered returns its risk.
    `context`: the agency's risk context (unit and year); when omitted, the only one for the year
    the service was done (or this year)."""
    from spbe.management import services as risk_services
    from spbe.management.choices import RiskCategory, RiskType

    if not permissions.may(user, SERVICE_REPORT_ACTION, finding.service_request):
        raise DomainError(
            _("Hanya Dinas Kominfo yang mencatat temuan kerentanan ke register risiko."), code="forbidden"
        )
    with transaction.atomic():
        locked = VulnerabilityFinding._base_manager.select_for_update().get(pk=finding.pk)
        if locked.risk_id is not None:
            return locked.risk
        request_row = locked.service_request
        contexts = risk_contexts_for(locked)
        if context is None:
            year = (request_row.done_date or timezone.localdate()).year
            found = list(contexts.filter(year=year)[:2])
            if not found:
                raise DomainError(
                    _(
                        "Konteks risiko: %(agency)s belum punya register risiko tahun %(year)s; buat konteks risikonya lebih dulu."
                    )
                    % {"agency": request_row.agency, "year": year},
                    code="invalid",
                )
            if len(found) > 1:
                raise DomainError(
                    _(
                        "Konteks risiko: %(agency)s punya beberapa register risiko tahun %(year)s; pilih salah satu."
                    )
                    % {"agency": request_row.agency, "year": year},
                    code="invalid",
                )
            context = found[0]
        elif not contexts.filter(pk=context.pk).exists():
            raise DomainError(
                _("Konteks risiko: register itu bukan milik PD pemohon layanan."), code="invalid"
            )
        risk = risk_services.record_risk(
            context=context,
            user=user,
            code=f"KRN-{locked.pk}",
            risk_type=RiskType.NEGATIVE,
            category=RiskCategory.SECURITY,
            event=locked.title,
            cause=locked.cause,
            consequence=locked.consequence,
            impact_area=locked.impact_area,
            controls=_("Temuan layanan %(service)s.") % {"service": request_row.title},
            likelihood=locked.likelihood,
            impact=locked.impact,
            source=f"security.finding:{locked.pk}",
        )
        locked.risk, locked.registered_at = risk, timezone.now()
        locked.version += 1
        locked.save()
        audit.record_event("security.finding.risk_registered", locked, message=f"{context} {risk.code}")
    return risk


# --- Data classification decisions (Sigi Pasal 18 ayat (3), Parigi Moutong Pasal 27 ayat (2)) --------


def may_decide_classification(user, subject) -> bool:
    """A dataset's classification is the steward's (Sigi Pasal 18 ayat (3)); an application's, its
    agency's editors'."""
    from spbe.datasets.models import Dataset
    from spbe.datasets.services import is_steward

    if isinstance(subject, Dataset):
        return is_steward(user, subject)
    return permissions.can(user, subject, permissions.CHANGE)


def _decision_inputs(*, subject, policy, level: str, reason, explanation: str, review_due) -> datetime.date:
    if policy is None:
        raise DomainError(
            _("Tetapkan kebijakan klasifikasi data pemerintah daerah lebih dulu."), code="invalid"
        )
    if level not in Classification.values:
        raise DomainError(_("Klasifikasi: nilai tidak dikenal."), code="invalid")
    if reason is None or reason.policy_id != policy.pk or not reason.active:
        raise DomainError(_("Alasan: pilih alasan yang diizinkan kebijakan klasifikasi."), code="invalid")
    if reason.level != level:
        raise DomainError(
            _("Alasan: %(reason)s adalah alasan untuk klasifikasi %(level)s.")
            % {"reason": reason.label, "level": reason.get_level_display()},
            code="invalid",
        )
    if len((explanation or "").strip()) < 10:
        raise DomainError(_("Penjelasan: uraikan paling sedikit 10 huruf."), code="invalid")
    today = timezone.localdate()
    due = review_due or today + datetime.timedelta(days=round(policy.review_months * 30.44))
    if due <= today or due > today + datetime.timedelta(days=5 * 366):
        raise DomainError(
            _("Ditinjau paling lambat: pilih tanggal setelah hari ini dan dalam lima tahun."), code="invalid"
        )
    return due


def classification_decide(
    *, subject, user, level: str, reason, explanation: str, review_due: datetime.date | None = None
) -> ClassificationDecision:
    """Decide (or, with the same level, confirm on review) the classification of a dataset or an
    application: the earlier decision is kept and superseded, the subject takes the level (a dataset
    through datasets' classification_follow, which ends its sharing agreements when it closes), and every
    decision of the subject is seen as the subject now is."""
    from spbe.datasets.models import Dataset
    from spbe.datasets.services import classification_follow

    if not may_decide_classification(user, subject):
        raise DomainError(
            _("Hanya walidata (untuk dataset) atau admin PD (untuk aplikasi) yang menetapkan klasifikasi."),
            code="forbidden",
        )
    policy = ClassificationPolicy._base_manager.filter(government_id=subject.agency.government_id).first()
    due = _decision_inputs(
        subject=subject,
        policy=policy,
        level=level,
        reason=reason,
        explanation=explanation,
        review_due=review_due,
    )
    key = "dataset" if isinstance(subject, Dataset) else "application"
    with transaction.atomic():
        locked = type(subject)._base_manager.select_for_update().get(pk=subject.pk)
        previous = locked.classification
        history = ClassificationDecision._base_manager.filter(**{key: locked})
        history.filter(current=True).update(current=False)
        decision = ClassificationDecision.objects.create(
            agency_id=locked.agency_id,
            classification=level,
            level=level,
            previous_level=previous,
            reason=reason,
            explanation=explanation.strip(),
            decided_by=user,
            review_due=due,
            created_by=user,
            **{key: locked},
        )
        if key == "dataset":
            classification_follow(dataset=locked, decision=decision)
        elif previous != level:
            locked.classification = level
            locked.version += 1
            locked.save()
        history.update(classification=level)
        audit.record_event(
            "security.classification.decided",
            decision,
            message=f"{previous} → {level}: {reason.label}",
        )
    return decision


def service_kinds_load(path: Path = SERVICE_KINDS_FILE) -> tuple[int, int]:
    """Create the shipped kinds that are missing, update those the file changes. (created, updated)"""
    entries = read_yaml(path) or []
    created = updated = 0
    with transaction.atomic():
        existing = {k.code: k for k in SecurityServiceKind._base_manager.all()}
        for entry in entries:
            values = {"letter": entry["letter"], "name": entry["name"], "name_en": entry.get("name_en", "")}
            row = existing.get(entry["code"])
            if row is None:
                SecurityServiceKind.objects.create(code=entry["code"], **values)
                created += 1
            elif any(getattr(row, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(row, key, value)
                row.version += 1
                row.save()
                updated += 1
    return created, updated
