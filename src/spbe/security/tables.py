from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import (
    CertificateDuty,
    CertificateMonitoring,
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
    reported_at = Column()
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
