"""A deadline met by a decree or by an evidence kind's record instead of a recorded activity (issue 9
§4): "within 6 months of the regulation's enactment, the coordination team is decreed"."""

import pytest

from spbe.compliance import engine, profiles
from spbe.compliance.events import add_months
from spbe.org.models import CoordinationTeam

from ..factories import AgencyFactory, DecreeFactory, GovernmentFactory
from .test_schema_v3 import CITY, ENACTED, _status

ACTIVITY = "activity: coordination_meeting, within: 6 months, after: regulation_enacted"
DECREED = CITY.replace(ACTIVITY, "decree: coordination_team, within: 6 months, after: regulation_enacted")
AUTONOMY = CITY.replace(ACTIVITY, "decree: ict_autonomy, within: 12 months, after: coordination_team_decreed")


def _government(text, code, name):
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    regulation, report = profiles.load_text(text.replace("kota-uji-3-2025", code), source="kota.yaml")
    assert report.ok, report.lines()
    gov = GovernmentFactory(name=f"Pemerintah Kota {name}", kind="kota", domain=f"{code}.go.id")
    gov.regulation = regulation.code
    gov.save()
    return gov, AgencyFactory(government=gov, short_name="Setda")


def _team(gov, agency, decreed):
    decree = DecreeFactory(agency=agency, date=decreed, title="Pembentukan Tim Koordinasi SPBE")
    return CoordinationTeam.objects.create(government=gov, decree=decree, period_start=decreed)


@pytest.mark.parametrize(
    ("months_after", "state", "fragment"),
    [
        (None, "unmet", "Belum ada Keputusan pembentukan Tim Koordinasi SPBE"),
        (8, "partly_met", "melewati tenggat"),
        (2, "met", "dalam tenggat"),
    ],
)
def test_a_deadline_met_by_a_decree_dated_in_time(db, months_after, state, fragment):
    gov, agency = _government(DECREED, "kota-uji-5-2025", "Lima")
    if months_after is not None:
        _team(gov, agency, add_months(ENACTED, months_after))
    engine.run_full(gov)
    got, reason = _status(gov, "kota-4-2-first-meeting")
    assert got == state and fragment in reason, reason
    if state == "unmet":
        assert "sudah lewat" in reason


def test_a_decree_before_the_event_does_not_count(db):
    gov, agency = _government(DECREED, "kota-uji-6-2025", "Enam")
    _team(gov, agency, add_months(ENACTED, -3))
    engine.run_full(gov)
    assert _status(gov, "kota-4-2-first-meeting")[0] == "unmet"


def test_a_decree_deadline_from_an_event_that_has_not_happened_is_not_applicable(db):
    gov, agency = _government(AUTONOMY, "kota-uji-7-2025", "Tujuh")
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-2-first-meeting")
    assert state == "not_applicable" and "belum tercatat" in reason
    _team(gov, agency, add_months(ENACTED, 1))
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-2-first-meeting")
    assert state == "unmet" and "Keputusan penetapan PD Mandiri TIK" in reason


@pytest.mark.parametrize(
    ("source", "fragments"),
    [
        (
            "decree: team_decree",
            ["jenis keputusan team_decree tidak dikenal", "coordination_team, ict_autonomy"],
        ),
        (
            "evidence: network_diagramm",
            ["jenis catatan bukti network_diagramm tidak dikenal", "network_diagram,"],
        ),
        ("activity: coordination_meeting, decree: coordination_team", ["isi tepat satu dari activity"]),
    ],
)
def test_a_wrong_deadline_source_is_reported_at_its_line_with_the_allowed_values(db, source, fragments):
    report = profiles.validate_text(
        CITY.replace(ACTIVITY, ACTIVITY.replace("activity: coordination_meeting", source)), "salah.yaml"
    )
    joined = "\n".join(report.lines())
    assert not report.ok and "salah.yaml:37: galat:" in joined, joined
    for fragment in fragments:
        assert fragment in joined, joined


def test_an_evidence_kind_a_future_module_records_loads_with_a_warning(db):
    report = profiles.validate_text(
        CITY.replace(
            ACTIVITY, ACTIVITY.replace("activity: coordination_meeting", "evidence: audit_application")
        )
    )
    joined = "\n".join(report.lines())
    assert report.ok and "audit_application dicatat modul audits" in joined, joined
