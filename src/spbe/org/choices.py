from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class GovernmentKind(models.TextChoices):
    REGENCY = "kabupaten", _("Kabupaten")
    CITY = "kota", _("Kota")
    PROVINCE = "provinsi", _("Provinsi")


# What follows from the kind of government: the leader's title, the region's word, the regulation's
# name and its short form (issue 9 §4). Official letters use these in Bahasa Indonesia.
GOVERNMENT_KIND_LABELS = {
    GovernmentKind.REGENCY: {
        "leader": "Bupati",
        "region": "Kabupaten",
        "regulation": "Peraturan Bupati",
        "regulation_short": "Perbup",
        "decree": "Keputusan Bupati",
    },
    GovernmentKind.CITY: {
        "leader": "Wali Kota",
        "region": "Kota",
        "regulation": "Peraturan Wali Kota",
        "regulation_short": "Perwali",
        "decree": "Keputusan Wali Kota",
    },
    GovernmentKind.PROVINCE: {
        "leader": "Gubernur",
        "region": "Provinsi",
        "regulation": "Peraturan Gubernur",
        "regulation_short": "Pergub",
        "decree": "Keputusan Gubernur",
    },
}


def kind_label(kind: str | None, what: str) -> str:
    """ "leader" / "region" / "regulation" / "regulation_short" / "decree" for a government kind (a
    regency when unknown)."""
    return GOVERNMENT_KIND_LABELS.get(kind or GovernmentKind.REGENCY, GOVERNMENT_KIND_LABELS["kabupaten"])[
        what
    ]


# The titles above as the reader sees them on a page (official letters keep them in Bahasa Indonesia).
_DISPLAYED_TITLES = (
    gettext_noop("Bupati"),
    gettext_noop("Wali Kota"),
    gettext_noop("Gubernur"),
    gettext_noop("Keputusan Bupati"),
    gettext_noop("Keputusan Wali Kota"),
    gettext_noop("Keputusan Gubernur"),
    gettext_noop("Peraturan Bupati"),
    gettext_noop("Peraturan Wali Kota"),
    gettext_noop("Peraturan Gubernur"),
)


def kind_display(kind: str | None, what: str) -> str:
    """kind_label in the reader's language, for a page ("Wali Kota" / "Mayor")."""
    return gettext(kind_label(kind, what))


class AgencyKind(models.TextChoices):
    SECRETARIAT = "sekretariat", _("Sekretariat")
    OFFICE = "dinas", _("Dinas")
    BOARD = "badan", _("Badan")
    INSPECTORATE = "inspektorat", _("Inspektorat")
    BUREAU = "kantor", _("Kantor")
    DIVISION = "bagian", _("Bagian")
    DISTRICT = "kecamatan", _("Kecamatan")
    VILLAGE = "kelurahan", _("Kelurahan")
    OTHER = "lainnya", _("Lainnya")


class AgencyDesignation(models.TextChoices):
    """A named institutional role an agency holds, which a regulation may name as a subject or as a
    coordination team member (issue 9 §4): the regional secretariat as SPBE coordinator, Bappeda, ..."""

    REGIONAL_SECRETARIAT = "regional_secretariat", _("Sekretariat Daerah")
    ORGANISATION_UNIT = "organisation_unit", _("Unit urusan organisasi (Bagian Organisasi)")
    LEGAL_UNIT = "legal_unit", _("Unit urusan hukum (Bagian Hukum)")
    PLANNING = "planning", _("Perencanaan dan pembangunan daerah (Bappeda)")
    FINANCE = "finance", _("Pengelolaan keuangan dan aset daerah (BPKAD)")
    PERSONNEL = "personnel", _("Kepegawaian dan pengembangan SDM (BKPSDM)")
    INSPECTORATE = "inspectorate", _("Pengawasan internal (Inspektorat)")
    STATISTICS = "statistics", _("Urusan statistik")
    ARCHIVES = "archives", _("Kearsipan")


class EmploymentKind(models.TextChoices):
    CIVIL_SERVANT = "pns", _("PNS")
    CONTRACT_SERVANT = "pppk", _("PPPK")
    NON_CIVIL = "non_asn", _("Non-ASN")


class Gender(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Admin platform")
    ICT_ADMIN = "ict_admin", _("Admin Dinas Kominfo")
    SERVICE_DESK_TIER2 = "service_desk_tier2", _("Service desk tier 2")
    COORDINATION_TEAM = "coordination_team", _("Anggota Tim Koordinasi SPBE")
    LEADER = "leader", _("Pimpinan daerah (kepala daerah/Sekda)")
    AGENCY_ADMIN = "agency_admin", _("Admin PD")
    AGENCY_HEAD = "agency_head", _("Kepala PD")
    DATA_STEWARD = "data_steward", _("Walidata")
    SERVICE_DESK_TIER1 = "service_desk_tier1", _("Service desk tier 1")
    AUDITOR = "auditor", _("Auditor")


# Roles an agency head or agency admin may grant within their own agency, without the platform admin.
AGENCY_ASSIGNABLE_ROLES = (
    Role.AGENCY_ADMIN,
    Role.AGENCY_HEAD,
    Role.DATA_STEWARD,
    Role.SERVICE_DESK_TIER1,
)
# Roles that only make sense for the whole government: the model refuses them with an agency scope.
GOVERNMENT_ONLY_ROLES = (
    Role.PLATFORM_ADMIN,
    Role.ICT_ADMIN,
    Role.SERVICE_DESK_TIER2,
    Role.COORDINATION_TEAM,
    Role.LEADER,
    Role.AUDITOR,
)
# Government-wide roles of the ICT office that its admin grants without the platform admin.
ICT_OFFICE_ASSIGNABLE_ROLES = (Role.SERVICE_DESK_TIER2,)
# Roles that may change (and create) records in their scope by default; models add more via editor_roles.
EDITOR_ROLES = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.AGENCY_ADMIN, Role.AGENCY_HEAD)
# Roles that may delete records in their scope.
DELETER_ROLES = (Role.PLATFORM_ADMIN, Role.ICT_ADMIN, Role.AGENCY_ADMIN)


class TeamPosition(models.TextChoices):
    CHAIR = "chair", _("Ketua")
    VICE_CHAIR = "vice_chair", _("Wakil ketua")
    SECRETARY = "secretary", _("Sekretaris")
    MEMBER = "member", _("Anggota")


class DecreeKind(models.TextChoices):
    # The values keep their first (regency) spelling; the labels are neutral, and worded for the
    # government's kind where it is known (decree_kind_label).
    REGENT = "keputusan_bupati", _("Keputusan Kepala Daerah")
    AGENCY_HEAD = "keputusan_kepala", _("Keputusan Kepala Perangkat Daerah")
    REGULATION = "peraturan_bupati", _("Peraturan Kepala Daerah")
    OTHER = "lainnya", _("Lainnya")


def role_label(role: str, kind: str | None = None) -> str:
    """A role's label; the leader's names the head of region of that kind of government when known
    ("Pimpinan (Wali Kota/Sekda)")."""
    if role == Role.LEADER and kind in GOVERNMENT_KIND_LABELS:
        return gettext("Pimpinan (%(leader)s/Sekda)") % {"leader": kind_display(kind, "leader")}
    return str(Role(role).label) if role in Role.values else role


def role_choices(kind: str | None, roles=None) -> list[tuple[str, str]]:
    return [(r.value if hasattr(r, "value") else r, role_label(r, kind)) for r in (roles or Role)]


def decree_kind_label(value: str, kind: str | None = None) -> str:
    """A decree kind's label: "Keputusan Wali Kota" for a city's, neutral when the kind is unknown."""
    if kind in GOVERNMENT_KIND_LABELS and value == DecreeKind.REGENT:
        return kind_display(kind, "decree")
    if kind in GOVERNMENT_KIND_LABELS and value == DecreeKind.REGULATION:
        return kind_display(kind, "regulation")
    return str(DecreeKind(value).label) if value in DecreeKind.values else value


def decree_kind_choices(kind: str | None) -> list[tuple[str, str]]:
    return [(value, decree_kind_label(value, kind)) for value in DecreeKind.values]
