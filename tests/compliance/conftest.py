import pytest

from spbe.compliance import profiles
from spbe.compliance.models import Regulation

from ..factories import AgencyFactory, GovernmentFactory

# A small profile whose numbers can be worked out by hand.
TINY = """\
schema_version: 1
id: uji-1-2026
regency: Kabupaten Uji
province: Sulawesi Tengah
number: "1"
year: 2026
title: Penyelenggaraan SPBE (uji)
set_on: 2026-01-05
parameters: {}
groups:
  - {id: governance, name: Tata Kelola}
  - {id: management, name: Manajemen SPBE}
obligations:
  - id: uji-3-1-ict-office
    citation: Pasal 3 ayat (1)
    group: governance
    statement: Pemerintah daerah menetapkan Dinas Kominfo.
    subject: government
    period: once
    severity: high
    check: {type: ict_office_designated}
  - id: uji-4-1-helpdesk
    citation: Pasal 4 ayat (1)
    group: management
    statement: Setiap PD menugaskan petugas service desk tier 1.
    subject: each_agency
    period: continuous
    severity: medium
    check: {type: role_in_each_agency, params: {role: service_desk_tier1}}
  - id: uji-4-2-sop
    citation: Pasal 4 ayat (2)
    group: management
    statement: Setiap PD memiliki SOP layanan TIK yang ditetapkan.
    subject: each_agency
    period: yearly
    severity: medium
    check: {type: attestation}
  - id: uji-5-1-team
    citation: Pasal 5 ayat (1)
    group: governance
    statement: Tim Koordinasi SPBE ditetapkan dengan keputusan.
    subject: coordination_team
    period: once
    severity: high
    check: {type: coordination_team_decreed, params: {required_positions: [chair]}}
"""


@pytest.fixture
def tiny_regulation(db):
    regulation, _report = profiles.load_text(TINY, source="uji.yaml")
    return regulation


@pytest.fixture
def tiny_gov(tiny_regulation):
    gov = GovernmentFactory(name="Pemerintah Kabupaten Uji Kepatuhan", domain="ujikepatuhan.go.id")
    gov.regulation = tiny_regulation.code
    gov.save()
    return gov


@pytest.fixture
def two_agencies(tiny_gov):
    return (
        AgencyFactory(government=tiny_gov, name="Dinas Satu", short_name="D1"),
        AgencyFactory(government=tiny_gov, name="Dinas Dua", short_name="D2"),
    )


def shipped_codes():
    return sorted(p.stem for p in profiles.PROFILE_DIR.glob("*.yaml"))


@pytest.fixture
def shipped(db):
    """The shipped profiles, as migrate loads them."""
    profiles.sync_shipped()
    return {r.code: r for r in Regulation.objects.all()}
