from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import Attestation, ComplianceStatus, Obligation, Regulation


class RegulationTable(Table):
    model = Regulation
    code = Column(link=True)
    regency = Column()
    province = Column(default=False)
    number = Column()
    year = Column()
    title = Column()
    set_on = Column(default=False)
    shipped = Column(default=False)


class ObligationTable(Table):
    model = Obligation
    citation = Column(link=True)
    statement = Column()
    subject = Column()
    period = Column()
    severity = Column()
    check_type = Column(default=False)
    group = Column(default=False)
    regulation = Column(accessor="regulation.code", label=_("Regulasi"), default=False)
    retired = Column(default=False)


class ComplianceStatusTable(Table):
    model = ComplianceStatus
    obligation = Column(accessor="obligation.citation", label=_("Pasal"), link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()
    reason = Column(default=False)
    next_step = Column(default=False)
    evaluated_at = Column()
    stale = Column(default=False)


class AttestationTable(Table):
    model = Attestation
    obligation = Column(accessor="obligation.citation", label=_("Pasal"), link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()
    valid_from = Column(default=False)
    valid_until = Column()
    submitted_by = Column(accessor="submitted_by.username", label=_("Dinyatakan oleh"), default=False)
    created = Column(label=_("Diajukan"))
