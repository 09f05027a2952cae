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
    statement = Column(order_by=None)  # free text: searched, not sorted
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
    # Not sortable: an agency's statuses are one filter away, and sorting the whole government's
    # statuses (obligations x agencies) by an optional relation would read them all.
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"), order_by=None)
    status = Column()
    reason = Column(default=False, order_by=None)  # generated text, shown in the reader's language
    next_step = Column(default=False, order_by=None)
    evaluated_at = Column()
    stale = Column(default=False)


class AttestationTable(Table):
    model = Attestation
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "agency": "attestations: a few per obligation and agency a year, thousands at most",
    }
    obligation = Column(accessor="obligation.citation", label=_("Pasal"), link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    status = Column()
    valid_from = Column(default=False)
    valid_until = Column()
    # shown by name and position (core.people); sorted by login name, the one indexed key
    submitted_by = Column(label=_("Dinyatakan oleh"), order_by="submitted_by__username", default=False)
    created = Column(label=_("Diajukan"))
