from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import (
    AgencyNeed,
    Architecture,
    ArchitectureItem,
    BudgetLine,
    BusinessProcess,
    MasterPlan,
    ReferenceModel,
    Review,
    Roadmap,
    RoadmapItem,
    Service,
)
from .selectors import rupiah


def _rp(field: str):
    return lambda row: rupiah(getattr(row, field))


class ReferenceModelTable(Table):
    model = ReferenceModel
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "parent": "reference codes: hundreds",
        "government": "reference codes: hundreds",
    }
    kind = Column()
    code = Column(link=True)
    name = Column()
    level = Column()
    parent = Column(accessor="parent.code", label=_("Induk"))
    government = Column(accessor="government.name", label=_("Pemilik"), default=False)


class ArchitectureTable(Table):
    model = Architecture
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "decree": "architectures: a few per government",
    }
    title = Column(link=True)
    start_year = Column()
    end_year = Column()
    status = Column()
    decree = Column(accessor="decree.number", label=_("Keputusan"))
    government = Column(accessor="government.name", label=_("Pemerintah daerah"), default=False)


class ArchitectureItemTable(Table):
    model = ArchitectureItem
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "agency": "architecture items: hundreds per architecture",
    }
    code = Column(link=True)
    name = Column()
    domain = Column()
    level = Column()
    reference = Column(accessor="reference.code", label=_("Kode referensi"))
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    architecture = Column(accessor="architecture.title", label=_("Arsitektur"), default=False)


class RoadmapTable(Table):
    model = Roadmap
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "decree": "roadmaps: a few per government",
    }
    title = Column(link=True)
    start_year = Column()
    end_year = Column()
    status = Column()
    decree = Column(accessor="decree.number", label=_("Keputusan"))


class RoadmapItemTable(Table):
    model = RoadmapItem
    year = Column()
    area = Column()
    programme = Column(default=False)
    activity = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Penanggung jawab"))
    target = Column(default=False)
    status = Column()
    progress = Column()
    roadmap = Column(accessor="roadmap.title", label=_("Peta rencana"), default=False)


class MasterPlanTable(Table):
    model = MasterPlan
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "decree": "master plans: a few per government",
    }
    title = Column(link=True)
    kind = Column()
    start_year = Column()
    end_year = Column()
    status = Column()
    decree = Column(accessor="decree.number", label=_("Keputusan"))


class BudgetLineTable(Table):
    model = BudgetLine
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "roadmap_item": "budget lines: hundreds a year",
    }
    fiscal_year = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    title = Column(link=True)
    purpose = Column(default=False)
    funding_source = Column()
    planned = Column(render=_rp("planned"), needs=("planned",), order_by="planned")
    realised = Column(render=_rp("realised"), needs=("realised",), order_by="realised")
    roadmap_item = Column(accessor="roadmap_item.activity", label=_("Kegiatan peta rencana"), default=False)


class ServiceTable(Table):
    model = Service
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "reference": "services: hundreds per government",
    }
    name = Column(link=True)
    kind = Column()
    area = Column()
    agency = Column(accessor="agency.short_name", label=_("Pemilik"))
    users = Column(default=False)
    integration_status = Column()
    reference = Column(accessor="reference.code", label=_("Kode RAL"), default=False)


class BusinessProcessTable(Table):
    model = BusinessProcess
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "reference": "business processes: hundreds per government",
        "decree": "business processes: hundreds per government",
    }
    code = Column(link=True)
    name = Column()
    agency = Column(accessor="agency.short_name", label=_("Pemilik"))
    reference = Column(accessor="reference.code", label=_("Kode RAB"))
    decree = Column(accessor="decree.number", label=_("Keputusan"), default=False)


class ReviewTable(Table):
    model = Review
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "agency": "reviews: a few a year",
        "decree": "reviews: a few a year",
    }
    date = Column(link=True)
    document = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    reasons = Column(
        render=lambda row: ", ".join(row.reason_labels()),
        needs=("reasons",),
        label=_("Alasan"),
        default=False,
    )
    outcome = Column(default=False, order_by=None)  # free text: not sorted (no index could hold it)
    decree = Column(accessor="decree.number", label=_("Keputusan perubahan"), default=False)


class AgencyNeedTable(Table):
    model = AgencyNeed
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "roadmap_item": "agency needs: hundreds a year",
    }
    title = Column(link=True)
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    quantity = Column()
    unit = Column()
    target_year = Column()
    estimated_cost = Column(
        render=_rp("estimated_cost"), needs=("estimated_cost",), order_by="estimated_cost"
    )
    submitted_on = Column(default=False)  # the status says whether it was submitted; the date is a click away
    status = Column()
    roadmap_item = Column(accessor="roadmap_item.activity", label=_("Kegiatan peta rencana"), default=False)
