"""Profile lines re-read in issue 9 (§7), each with the check that now tests what the text says."""

import datetime

import pytest

from spbe.compliance import engine
from spbe.compliance.models import ComplianceStatus
from spbe.org.choices import AgencyDesignation, TeamPosition
from spbe.org.models import CoordinationTeam, CoordinationTeamMember

from ..applications.conftest import ApplicationFactory
from ..factories import AgencyFactory, DecreeFactory, GovernmentFactory, PersonFactory


def _gov(regulation, name):
    gov = GovernmentFactory(name=name, domain=f"{name.split()[-1].lower()}.go.id", regulation=regulation.code)
    gov.ict_office = AgencyFactory(government=gov, name=f"Dinas Kominfo {name}", short_name="Kominfo")
    gov.save()
    return gov


def _status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(government=gov, obligation__code=code, agency=agency)
    return row.status, row.reason


def test_kubar_reads_memiliki_kewenangan_and_berwenang_alike_as_authority_not_duty(shipped):
    regulation = shipped["kutai-barat-7-2019"]
    for code, citation in (
        ("kubar-15-2-common-app-security", "Pasal 15 ayat (2)"),
        ("kubar-16-4-internet-authority", "Pasal 16 ayat (4)"),
    ):
        ob = regulation.obligations.get(code=code)
        assert ob.citation == citation and ob.check_type == "note" and "kewenangan" in ob.statement
    gov = _gov(regulation, "Pemerintah Kabupaten Kubar Uji")
    engine.run_full(gov)
    assert not ComplianceStatus.objects.filter(
        government=gov,
        obligation__code__in=["kubar-15-2-common-app-security", "kubar-16-4-internet-authority"],
    ).exists()


def test_pangkep_34_checks_the_contract_clause_of_third_party_applications(shipped):
    gov = _gov(shipped["pangkep-5-2018"], "Pemerintah Kabupaten Pangkep Uji")
    agency = AgencyFactory(government=gov, name="Dinas Pendidikan", short_name="Disdik")
    ApplicationFactory(
        agency=agency, name="Buatan Sendiri"
    )  # not developed with a third party: not concerned
    contracted = ApplicationFactory(
        agency=agency,
        name="PPDB",
        developer_kind="third_party",
        contract_number="1/SPK/2025",
        source_model="closed",
    )
    engine.run_full(gov)
    state, reason = _status(gov, "pangkep-34-source-copyright-handover", agency)
    assert state == "unmet" and "PPDB (kontrak tidak mencatat penyerahan kode sumber dan hak cipta)" in reason
    assert "Buatan Sendiri" not in reason
    contracted.source_handover_clause = True
    contracted.save()
    engine.run_full(gov)
    assert _status(gov, "pangkep-34-source-copyright-handover", agency)[0] == "met"


@pytest.fixture
def pm_team(shipped):
    gov = _gov(shipped["parigi-moutong-52-2024"], "Pemerintah Kabupaten Parimo Uji")
    setda = AgencyFactory(
        government=gov,
        name="Sekretariat Daerah",
        short_name="Setda",
        designation=AgencyDesignation.REGIONAL_SECRETARIAT,
    )
    decree = DecreeFactory(agency=setda, date=datetime.date(2025, 2, 3))
    team = CoordinationTeam.objects.create(
        government=gov, decree=decree, period_start=datetime.date(2025, 2, 3)
    )
    CoordinationTeamMember.objects.create(
        team=team, person=PersonFactory(agency=setda), position=TeamPosition.CHAIR
    )
    CoordinationTeamMember.objects.create(
        team=team, person=PersonFactory(agency=gov.ict_office), position=TeamPosition.MEMBER
    )
    return gov, setda, team


def test_pm_47_2_checks_the_member_institutions_named_by_pasal_47_3(pm_team):
    gov, setda, team = pm_team
    engine.run_full(gov)
    state, reason = _status(gov, "pm-47-2-coordination-team-decree")
    assert state == "partly_met"
    for missing in ("Bagian Organisasi", "Bappeda", "BPKAD"):
        assert missing in reason, reason
    assert "Sekretariat Daerah" not in reason and "Dinas Kominfo" not in reason
    organisation = AgencyFactory(
        government=gov,
        name="Bagian Organisasi",
        short_name="Org",
        parent=setda,
        designation=AgencyDesignation.ORGANISATION_UNIT,
    )
    for designation, name in ((AgencyDesignation.PLANNING, "Bappeda"), (AgencyDesignation.FINANCE, "BPKAD")):
        agency = AgencyFactory(government=gov, name=name, short_name=name, designation=designation)
        CoordinationTeamMember.objects.create(team=team, person=PersonFactory(agency=agency))
    CoordinationTeamMember.objects.create(team=team, person=PersonFactory(agency=organisation))
    engine.run_full(gov)
    assert _status(gov, "pm-47-2-coordination-team-decree")[0] == "met"
