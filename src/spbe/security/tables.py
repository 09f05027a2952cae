from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

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


class CertificateDutyTable(Table):
    model = CertificateDuty
    duty = Column(link=True)
    person = Column(accessor="person.name", label=_("Pegawai"))
    agency = Column(accessor="person.agency.short_name", label=_("Perangkat daerah"))
    system = Column()
    public_service = Column(default=False)
    active = Column()


class ElectronicCertificateTable(Table):
    model = ElectronicCertificate
    serial = Column(link=True)
    holder = Column(accessor="holder.name", label=_("Pemegang"))
    agency = Column(accessor="holder.agency.short_name", label=_("Perangkat daerah"))
    kind = Column()
    issuer = Column()
    valid_from = Column(default=False)
    valid_until = Column()
    revoked = Column()


class CertificateMonitoringTable(Table):
    model = CertificateMonitoring
    date = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pemantau"))
    duties = Column()
    covered = Column()
    expiring = Column()
    agencies_below = Column()


class IncidentTable(Table):
    model = Incident
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pelapor"))
    kind = Column()
    severity = Column()
    status = Column()
    reported_at = Column(label=_("Dilaporkan"))  # the field's own label is long for a column header
    occurred_at = Column(default=False)
    detected_at = Column(default=False)
    steward_notified_at = Column(default=False)


class IncidentEventTable(Table):
    model = IncidentEvent
    at = Column(link=True)
    incident = Column(accessor="incident.title", label=_("Insiden"))
    kind = Column()
    note = Column(order_by=None)  # free text: not a sort anyone needs, and no index would serve it


class SecurityServiceKindTable(Table):
    model = SecurityServiceKind
    letter = Column()
    name = Column(link=True)
    code = Column(default=False)


class SecurityServiceRequestTable(Table):
    model = SecurityServiceRequest
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("PD pemohon"))
    kind = Column(accessor="kind.name", label=_("Jenis layanan"))
    status = Column()
    requested_on = Column()
    planned_date = Column()
    done_date = Column(default=False)


class VulnerabilityFindingTable(Table):
    model = VulnerabilityFinding
    title = Column(link=True)
    agency = Column(accessor="service_request.agency.short_name", label=_("PD pemohon"), order_by=None)
    impact_area = Column()
    likelihood = Column()
    impact = Column()
    registered_at = Column()


class ClassificationPolicyTable(Table):
    model = ClassificationPolicy
    name = Column(link=True)
    government = Column(accessor="government.name", label=_("Pemerintah daerah"), order_by=None)
    review_months = Column()


class ClassificationReasonTable(Table):
    model = ClassificationReason
    level = Column()
    label = Column(link=True)
    legal_basis = Column()
    active = Column()


class ClassificationDecisionTable(Table):
    model = ClassificationDecision
    review_due = Column(link=True)
    dataset = Column(accessor="dataset.title", label=_("Kumpulan data"), order_by=None)
    application = Column(accessor="application.name", label=_("Aplikasi"), order_by=None)
    agency = Column(accessor="agency.short_name", label=_("PD pemilik data"), order_by=None)
    level = Column()
    reason = Column(accessor="reason.label", label=_("Alasan"), order_by=None, default=False)
    decided_on = Column()
    current = Column()
