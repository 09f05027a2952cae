from django.apps import apps
from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import (
    CalendarDay,
    ChangeRequest,
    Competency,
    CompetencyNeed,
    CompetencyStandard,
    DevelopmentRecord,
    IctStaff,
    InboundMail,
    KnowledgeArticle,
    KnowledgeTransfer,
    Problem,
    Risk,
    RiskAppetite,
    RiskContext,
    RiskCriterion,
    RiskMonitoring,
    RiskTreatment,
    ServiceLevel,
    Ticket,
)


class CalendarDayTable(Table):
    model = CalendarDay
    date = Column(link=True)
    kind = Column()
    name = Column()
    source = Column(default=False, order_by=None)


class ServiceLevelTable(Table):
    model = ServiceLevel
    unindexed_sorts = {"service": "service levels: a few per service, hundreds per government"}
    service = Column(accessor="service.name", label=_("Layanan SPBE"), link=True)
    priority = Column()
    response_minutes = Column()
    resolution_minutes = Column()
    note = Column(order_by=None)


class TicketTable(Table):
    """The queue as a desk reads it at 1366 px beside the filters (and at 390 px scrolled): what,
    whose, how urgent, where it stands and when it is due. Tier, opening time, kind and rating are a
    choice away (the list is newest first, so the opening time orders it anyway)."""

    model = Ticket
    number = Column(link=True, nowrap=True)
    title = Column()
    agency = Column(accessor="agency.short_name", label=_("PD"))
    priority = Column()
    status = Column()
    resolution_due = Column(label=_("Batas selesai"))
    tier = Column(default=False)
    opened_at = Column(default=False)
    kind = Column(default=False)
    rating = Column(default=False)


class RiskContextTable(Table):
    model = RiskContext
    unit = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    year = Column()
    risk_owner = Column(default=False)
    status = Column()


class RiskCriterionTable(Table):
    model = RiskCriterion
    kind = Column(link=True)
    area = Column(order_by=None)
    level = Column()
    description = Column(order_by=None)


class RiskAppetiteTable(Table):
    model = RiskAppetite
    category = Column(link=True)
    risk_type = Column()
    minimum = Column()
    rationale = Column(order_by=None)


class RiskTable(Table):
    model = Risk
    code = Column(link=True, nowrap=True)
    event = Column(order_by=None)
    context = Column(accessor="context.unit", label=_("Unit pemilik risiko"), order_by=None)
    category = Column()
    risk_type = Column(default=False)
    likelihood = Column(default=False)
    impact = Column(default=False)
    magnitude = Column()
    level = Column()
    to_treat = Column()
    option = Column(default=False)
    impact_area = Column(default=False)


class RiskTreatmentTable(Table):
    model = RiskTreatment
    output = Column(link=True, order_by=None)
    risk = Column(accessor="risk.code", label=_("Risiko"), order_by=None, nowrap=True)
    option = Column()
    responsible = Column()
    start = Column(default=False)
    end = Column()
    status = Column()


class RiskMonitoringTable(Table):
    model = RiskMonitoring
    date = Column(link=True)
    risk = Column(accessor="risk.code", label=_("Risiko"), order_by=None, nowrap=True)
    magnitude = Column()
    level = Column()


class CompetencyStandardTable(Table):
    model = CompetencyStandard
    code = Column(link=True, nowrap=True)
    name = Column()
    area = Column()


class IctStaffTable(Table):
    model = IctStaff
    person = Column(accessor="person.name", label=_("Pegawai"), link=True, order_by=None)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"), order_by=None)
    function = Column()
    since = Column(default=False)


class CompetencyTable(Table):
    model = Competency
    standard = Column(accessor="standard.name", label=_("Standar kompetensi"), link=True, order_by=None)
    person = Column(accessor="person.name", label=_("Pegawai"), order_by=None)
    level = Column()
    assessed_on = Column()


class CompetencyNeedTable(Table):
    model = CompetencyNeed
    standard = Column(accessor="standard.name", label=_("Standar kompetensi"), link=True, order_by=None)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"), order_by=None)
    level = Column()
    required = Column()
    note = Column(order_by=None)


class DevelopmentRecordTable(Table):
    model = DevelopmentRecord
    title = Column(link=True)
    person = Column(accessor="person.name", label=_("Pegawai"), order_by=None)
    kind = Column()
    start = Column()
    expires_on = Column()


class ChangeRequestTable(Table):
    model = ChangeRequest
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"), order_by=None)
    kind = Column()
    stage = Column()
    risk_level = Column()
    approval = Column()
    planned_start = Column()
    planned_end = Column(default=False)


class ChangeApplicationTable(Table):
    """The applications a change touches, as the change's page lists them (restricted: a CLOSED
    application of another agency is not listed)."""

    model = apps.get_model("applications", "Application")
    name = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()


class KnowledgeArticleTable(Table):
    model = KnowledgeArticle
    unindexed_sorts = {"agency": "articles: hundreds per government"}
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()
    audience = Column()
    published_at = Column(default=False)


class ProblemTable(Table):
    model = Problem
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    service = Column(accessor="service.name", label=_("Layanan SPBE"), order_by=None)
    status = Column()
    created = Column(label=_("Dicatat"))
    resolved_on = Column(default=False)


class ProblemIncidentTable(Table):
    """A problem's incidents, on the problem's page."""

    model = Ticket
    number = Column(link=True, nowrap=True)
    title = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"), order_by=None)
    status = Column(order_by=None)
    opened_at = Column(order_by=None)


class InboundMailTable(Table):
    model = InboundMail
    received_at = Column(link=True)
    sender = Column()
    subject = Column(order_by=None)
    outcome = Column()
    ticket = Column(accessor="ticket.number", label=_("Tiket"), order_by=None, nowrap=True)


class KnowledgeTransferTable(Table):
    model = KnowledgeTransfer
    date = Column(link=True)
    topic = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    giver = Column()
    method = Column()
