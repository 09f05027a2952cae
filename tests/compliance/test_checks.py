"""Each check type, met and unmet, and the attestation states."""

import datetime

import pytest
from django.utils import timezone

from spbe.compliance import engine, profiles
from spbe.compliance.models import Attestation, ComplianceStatus
from spbe.core import checks
from spbe.core.checks import EvidenceKind, Status
from spbe.org.models import CoordinationTeam, CoordinationTeamMember

from ..factories import AgencyFactory, DecreeFactory, PersonFactory, user_with_role
from .conftest import TINY


def status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(
        government=gov, obligation__code=code, subject_key=engine.subject_key(agency.pk if agency else None)
    )
    return row.status, row.reason


def test_ict_office_designated(tiny_gov, two_agencies):
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-3-1-ict-office")[0] == Status.UNMET
    tiny_gov.ict_office = two_agencies[0]
    tiny_gov.save()
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-3-1-ict-office")
    assert state == Status.MET and "Dinas Satu" in reason


def test_role_in_each_agency(tiny_gov, two_agencies):
    one, two = two_agencies
    user_with_role("service_desk_tier1", one, "helpdesk.satu")
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-4-1-helpdesk", one) == (Status.MET, "Service desk tier 1: helpdesk.satu.")
    state, reason = status(tiny_gov, "uji-4-1-helpdesk", two)
    assert state == Status.UNMET and "Belum ada Service desk tier 1" in reason


def test_coordination_team_none_then_partly_then_met(tiny_gov, two_agencies):
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-5-1-team")[0] == Status.UNMET
    team = CoordinationTeam.objects.create(government=tiny_gov, name="Tim SPBE Uji")
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-5-1-team")
    assert state == Status.PARTLY_MET and "belum ada keputusan" in reason and "Ketua" in reason
    team.decree = DecreeFactory(agency=two_agencies[0], number="188/1/2026")
    team.save()
    CoordinationTeamMember.objects.create(
        team=team, person=PersonFactory(agency=two_agencies[0]), position="chair"
    )
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-5-1-team")
    assert state == Status.MET and "188/1/2026" in reason


def _profile_with(check_line: str, code: str):
    text = TINY.replace("check: {type: attestation}", check_line).replace("id: uji-1-2026", f"id: {code}")
    regulation, report = profiles.load_text(text, source=f"{code}.yaml")
    return regulation, report


def test_autonomous_agencies_decreed(tiny_gov, two_agencies):
    regulation, _ = _profile_with("check: {type: autonomous_agencies_decreed}", "uji-otonom")
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-4-2-sop", two_agencies[0])[0] == Status.NOT_APPLICABLE
    one = two_agencies[0]
    one.ict_autonomous = True
    one.save()  # a shell can bypass the form's rule; the check still catches it
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-4-2-sop", one)[0] == Status.UNMET
    one.autonomy_decree = DecreeFactory(agency=one)
    one.save()
    engine.run_full(tiny_gov)
    assert status(tiny_gov, "uji-4-2-sop", one)[0] == Status.MET


@pytest.fixture
def decree_kind():
    """A dated record kind for the generic checks, as a module would register one."""
    kind = EvidenceKind("test_decree", "keputusan uji", "org.Decree", "date", "agency")
    checks.register_evidence_kind(kind)
    checks.register_review_document(kind)
    yield kind
    checks._evidence_kinds.pop("test_decree", None)
    checks._review_documents.pop("test_decree", None)


@pytest.mark.parametrize("check", ["record_every", "review_within"])
def test_dated_record_checks(check, decree_kind, tiny_gov, two_agencies):
    param = "kind" if check == "record_every" else "document"
    regulation, report = _profile_with(
        f"check: {{type: {check}, params: {{{param}: test_decree, months: 12}}}}",
        f"uji-{check.replace('_', '-')}",
    )
    assert report.ok and not report.warnings
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    one, two = two_agencies
    sub = AgencyFactory(government=tiny_gov, parent=two, short_name="SUB2")
    DecreeFactory(agency=one, date=timezone.localdate() - datetime.timedelta(days=500))
    DecreeFactory(agency=sub, date=timezone.localdate() - datetime.timedelta(days=20))
    three = AgencyFactory(government=tiny_gov, short_name="D3")
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-4-2-sop", three)
    assert state == Status.UNMET and "Belum ada keputusan uji" in reason
    state, reason = status(tiny_gov, "uji-4-2-sop", one)
    assert state == Status.UNMET and "lebih dari 12 bulan" in reason
    assert status(tiny_gov, "uji-4-2-sop", two)[0] == Status.MET  # a sub-unit's record counts for its agency


def test_record_every_of_a_planned_but_unregistered_kind_falls_back_to_attestation(tiny_gov, two_agencies):
    regulation, report = _profile_with(
        "check: {type: record_every, params: {kind: audit_infrastructure, months: 12}}", "uji-tanpa-jenis"
    )
    assert any("modul audits yang belum terpasang" in m for _l, m in report.warnings)
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-4-2-sop", two_agencies[0])
    assert state == Status.AWAITING_ATTESTATION and "Pemeriksaan otomatis belum tersedia" in reason


def _attestation(gov, agency, obligation_code, **fields):
    from spbe.compliance.models import Obligation

    user = user_with_role("agency_admin", agency)
    values = {
        "statement": "SOP ditetapkan",
        "valid_until": timezone.localdate() + datetime.timedelta(days=30),
        "status": "submitted",
    }
    values.update(fields)
    return Attestation.objects.create(
        government=gov,
        agency=agency,
        submitted_by=user,
        obligation=Obligation.objects.get(code=obligation_code),
        **values,
    )


@pytest.mark.parametrize(
    ("fields", "expected", "fragment"),
    [
        (None, Status.AWAITING_ATTESTATION, "Belum ada pernyataan"),
        ({}, Status.AWAITING_ATTESTATION, "menunggu tinjauan"),
        ({"status": "accepted"}, Status.MET, "Pernyataan diterima"),
        ({"status": "accepted", "valid_until": datetime.date(2020, 1, 1)}, Status.UNMET, "kedaluwarsa"),
        ({"status": "rejected"}, Status.UNMET, "ditolak"),
    ],
)
def test_attestation_states(fields, expected, fragment, tiny_gov, two_agencies):
    one = two_agencies[0]
    if fields is not None:
        _attestation(tiny_gov, one, "uji-4-2-sop", **fields)
    engine.run_full(tiny_gov)
    state, reason = status(tiny_gov, "uji-4-2-sop", one)
    assert state == expected and fragment in reason
    assert status(tiny_gov, "uji-4-2-sop", two_agencies[1])[0] == Status.AWAITING_ATTESTATION
