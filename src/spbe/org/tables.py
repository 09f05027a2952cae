from django.utils.translation import gettext_lazy as _

from spbe.core.tables import Column, Table

from .models import (
    Agency,
    CoordinationTeam,
    CoordinationTeamMember,
    Decree,
    Government,
    Person,
    RoleAssignment,
)


class GovernmentTable(Table):
    model = Government
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "ict_office": "governments: a handful of rows",
    }
    name = Column(link=True)
    kind = Column()
    region_code = Column()
    domain = Column()
    ict_office = Column()
    regulation = Column()


class AgencyTable(Table):
    model = Agency
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "parent": "agencies: tens of rows per government",
        "head": "agencies: tens of rows per government",
    }
    name = Column(link=True)
    short_name = Column()
    kind = Column()
    parent = Column(accessor="parent.short_name", label=_("Induk"))
    ict_autonomous = Column()
    email = Column(default=False)
    phone = Column(default=False)
    head = Column(default=False)


class PersonTable(Table):
    model = Person
    name = Column(
        link=True,
        accessor="full_name",
        needs=("name", "front_title", "back_title"),
        order_by="name",
        label=_("Nama"),
    )
    nip = Column()
    employment = Column()
    position = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    email = Column(default=False)
    phone = Column(default=False)
    gender = Column(default=False)


class DecreeTable(Table):
    model = Decree
    number = Column(link=True)
    date = Column()
    title = Column()
    kind = Column()
    agency = Column(accessor="agency.short_name", label=_("Perangkat daerah"))
    classification = Column()

    @classmethod
    def related_paths(cls, visible):
        """The kind is worded for the issuing government's kind (Keputusan Wali Kota): load it."""
        select, prefetch = super().related_paths(visible)
        if "kind" in visible:
            select = sorted({*select, "agency__government"})
        return select, prefetch


class RoleAssignmentTable(Table):
    model = RoleAssignment
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "agency": "role grants: one or two per account, thousands at most",
    }
    # the person by name and position (core.people); exports name the account (core.sheets)
    user = Column(label=_("Pengguna"), order_by="user__username", link=True)
    role = Column()
    agency = Column(accessor="agency.short_name", label=_("Cakupan"))
    valid_from = Column()
    valid_until = Column()


class CoordinationTeamTable(Table):
    model = CoordinationTeam
    # sorts through an optional relation (LEFT JOIN: no index serves them), and why they stay cheap
    unindexed_sorts = {
        "decree": "coordination teams: a few per government",
    }
    name = Column(link=True)
    decree = Column(accessor="decree.number", label=_("Keputusan"))
    period_start = Column()
    period_end = Column()


class CoordinationTeamMemberTable(Table):
    model = CoordinationTeamMember
    person = Column(accessor="person.full_name", label=_("Pegawai"), order_by="person__name", link=True)
    agency = Column(accessor="person.agency.short_name", label=_("Perangkat daerah"))
    position = Column()
    duty = Column()
