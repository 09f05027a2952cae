"""Schema version 3: a city's or a province's regulation, intervals of any length, deadlines from an
event, subjects named by agency kind or designation; old profiles still load."""

import datetime
import io
import re

import pypdf
import pytest
from django.utils import timezone

from spbe.compliance import engine, profiles
from spbe.compliance.events import add_months, parse_interval
from spbe.compliance.models import ActivityKind, Attestation, ComplianceStatus, RecordedActivity
from spbe.org.choices import AgencyDesignation, GovernmentKind

from ..factories import AgencyFactory, GovernmentFactory, user_with_role
from .conftest import TINY

TODAY = timezone.localdate()
ENACTED = add_months(TODAY, -10)  # a regulation enacted ten months ago

CITY = f"""\
schema_version: 3
government_kind: kota
id: kota-uji-3-2025
regency: Kota Uji
province: Sulawesi Tengah
number: "3"
year: 2025
title: Penyelenggaraan SPBE
set_on: "{ENACTED.isoformat()}"
parameters: {{}}
groups:
  - {{id: governance, name: Tata Kelola}}
obligations:
  - id: kota-1-principles
    citation: Pasal 2-3
    group: governance
    statement: SPBE diselenggarakan berdasarkan asas keterpaduan dan efisiensi.
    subject: government
    period: continuous
    severity: low
    check: {{type: note}}
  - id: kota-4-1-team-meets
    citation: Pasal 4 ayat (1)
    group: governance
    statement: Tim Koordinasi SPBE rapat paling sedikit sekali dalam 18 bulan.
    subject: coordination_team
    every: 18 months
    severity: medium
    check: {{type: record_every, params: {{activity: coordination_meeting}}}}
  - id: kota-4-2-first-meeting
    citation: Pasal 4 ayat (2)
    group: governance
    statement: Tim Koordinasi SPBE rapat pertama paling lambat 6 bulan sejak Peraturan Wali Kota ini ditetapkan.
    subject: coordination_team
    period: once
    severity: high
    check: {{type: deadline, params: {{activity: coordination_meeting, within: 6 months, after: regulation_enacted}}}}
  - id: kota-5-1-inspectorate
    citation: Pasal 5 ayat (1)
    group: governance
    statement: Inspektorat mengawasi penyelenggaraan SPBE setiap tahun.
    subject: agency_role:inspectorate
    every: 1 year
    severity: medium
    check: {{type: attestation}}
  - id: kota-6-leaders
    citation: Pasal 6
    group: governance
    statement: Wali Kota dan Sekretaris Daerah membina penyelenggaraan SPBE.
    subject: leaders
    period: yearly
    severity: medium
    check: {{type: attestation}}
"""


@pytest.fixture
def city(db):
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    regulation, report = profiles.load_text(CITY, source="kota.yaml")
    assert report.ok, report.lines()
    gov = GovernmentFactory(
        name="Pemerintah Kota Uji",
        kind=GovernmentKind.CITY,
        domain="ujikota.go.id",
        regulation=regulation.code,
    )
    inspectorate = AgencyFactory(
        government=gov,
        name="Inspektorat Kota Uji",
        short_name="Itko",
        designation=AgencyDesignation.INSPECTORATE,
    )
    office = AgencyFactory(government=gov, name="Dinas Kominfo Kota Uji", short_name="Diskominfo")
    gov.ict_office = office
    gov.save()
    return gov, regulation, inspectorate


def _status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(government=gov, obligation__code=code, agency=agency)
    return row.status, row.reason


def _meeting(gov, when):
    return RecordedActivity.objects.create(
        government=gov,
        kind=ActivityKind.objects.get(code="coordination_meeting"),
        date=when,
        title="Rapat tim",
    )


def test_intervals_are_read_in_months_or_years():
    assert parse_interval("18 months") == 18 and parse_interval("2 years") == 24
    assert parse_interval("6 bulan") == 6 and parse_interval("1 tahun") == 12
    assert parse_interval("sometimes") is None and parse_interval("0 months") is None
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)


def test_a_city_regulation_is_named_and_addressed_as_the_wali_kota_s(city, client):
    gov, regulation, _ = city
    assert regulation.government_kind == "kota" and str(regulation).startswith("Perwali Uji No. 3")
    assert regulation.full_name == "Peraturan Wali Kota Uji Nomor 3 Tahun 2025"
    assert gov.leader_title == "Wali Kota Uji"
    leader = regulation.obligations.get(code="kota-6-leaders")
    assert leader.subject_label == "Pimpinan (Wali Kota/Sekda)"
    engine.run_full(gov)
    user_with_role("ict_admin", None, "kominfo.kota")
    client.force_login(user_with_role("platform_admin", None, "admin.kota"))
    page = client.get("/compliance/").content.decode()
    assert "Peraturan Wali Kota Uji Nomor 3 Tahun 2025" in page and "Wali Kota Uji" in page
    assert "Bupati" not in page
    assert "Pimpinan (Wali Kota/Sekda)" in client.get(leader.get_absolute_url()).content.decode()
    response = client.get("/compliance/report.pdf")
    letter = " ".join(
        re.sub(r"\s+", " ", p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(response.content)).pages
    )
    assert "Yth. Wali Kota Uji" in letter and "Peraturan Wali Kota Uji Nomor 3 Tahun 2025" in letter
    assert "Bupati" not in letter


def test_a_government_follows_only_a_regulation_of_its_own_kind(city, client):
    gov, regulation, _ = city
    regency = GovernmentFactory(name="Pemerintah Kabupaten Lain", domain="lainkab.go.id")
    client.force_login(user_with_role("platform_admin", None, "admin.jenis"))
    response = client.patch(
        f"/api/v1/org/governments/{regency.pk}/",
        {"regulation": regulation.code, "version": regency.version},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert (
        "Peraturan Wali Kota" in response.content.decode() and "Peraturan Bupati" in response.content.decode()
    )
    regency.refresh_from_db()
    assert regency.regulation == ""


def test_every_sets_the_interval_of_a_recorded_activity_and_of_an_attestation(city):
    gov, regulation, inspectorate = city
    _meeting(gov, add_months(TODAY, -17))
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-1-team-meets")
    assert state == "met" and "batas 18 bulan" in reason
    ob = regulation.obligations.get(code="kota-4-1-team-meets")
    assert ob.period_label == "Setiap 18 bulan" and ob.interval_months == 18
    # An attestation accepted 13 months ago, valid 24 months: the yearly duty still needs a new one.
    insp = regulation.obligations.get(code="kota-5-1-inspectorate")
    Attestation.objects.create(
        government=gov,
        obligation=insp,
        agency=inspectorate,
        statement="Pengawasan dilakukan.",
        valid_from=add_months(TODAY, -13),
        valid_until=add_months(TODAY, 11),
        status="accepted",
        submitted_by=user_with_role("agency_admin", inspectorate),
    )
    engine.run_full(gov)
    state, reason = _status(gov, "kota-5-1-inspectorate", inspectorate)
    assert state == "unmet" and "kedaluwarsa sejak" in reason


def test_a_deadline_from_the_regulation_s_enactment(city):
    gov, _, _ = city
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-2-first-meeting")
    assert state == "unmet" and "sudah lewat" in reason and "Penetapan peraturan" in reason
    _meeting(gov, add_months(ENACTED, 8))  # late
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-2-first-meeting")
    assert state == "partly_met" and "melewati tenggat" in reason
    _meeting(gov, add_months(ENACTED, 2))  # in time
    engine.run_full(gov)
    assert _status(gov, "kota-4-2-first-meeting")[0] == "met"


def test_a_deadline_from_an_event_that_has_not_happened_is_not_applicable(db):
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    text = CITY.replace("after: regulation_enacted", "after: coordination_team_decreed").replace(
        "kota-uji-3-2025", "kota-uji-4-2025"
    )
    regulation, _ = profiles.load_text(text, source="kota.yaml")
    gov = GovernmentFactory(
        name="Pemerintah Kota Dua", kind="kota", domain="dua.go.id", regulation=regulation.code
    )
    engine.run_full(gov)
    state, reason = _status(gov, "kota-4-2-first-meeting")
    assert state == "not_applicable" and "Keputusan pembentukan Tim Koordinasi SPBE belum tercatat" in reason


def test_a_subject_named_by_designation_is_that_agency_or_unmet_when_none_is_marked(city):
    gov, regulation, inspectorate = city
    engine.run_full(gov)
    rows = ComplianceStatus.objects.filter(government=gov, obligation__code="kota-5-1-inspectorate")
    assert [r.agency_id for r in rows] == [inspectorate.pk]
    inspectorate.designation = ""
    inspectorate.save()
    engine.run_full(gov)
    state, reason = _status(gov, "kota-5-1-inspectorate")
    assert state == "unmet" and "Pengawasan internal (Inspektorat)" in reason


V3_MISTAKES = [
    (CITY.replace("every: 18 months", "every: 18 moons"), 27, ['every "18 moons"', "N months, N years"]),
    (CITY.replace("within: 6 months", "within: soon"), 37, ["within soon", "N months"]),
    (
        CITY.replace("after: regulation_enacted", "after: enactment"),
        37,
        [
            "peristiwa enactment tidak dikenal",
            "regulation_enacted",
            "coordination_team_decreed",
            "incident_reported",
        ],
    ),
    (
        CITY.replace("agency_role:inspectorate", "agency_role:inspektorat"),
        42,
        ['subjek "agency_role:inspektorat"', "agency_role:inspectorate", "agency_kind:inspektorat"],
    ),
    (
        CITY.replace("government_kind: kota", "government_kind: kotamadya"),
        2,
        ['"kotamadya"', "kabupaten, kota, provinsi"],
    ),
    (
        CITY.replace("schema_version: 3", "schema_version: 2"),
        2,
        ["government_kind memerlukan schema_version: 3"],
    ),
    (
        CITY.replace("parameters: {}", "parameters:\n  planning_documents: [master_plan, renstra]"),
        11,
        ['planning_documents: nilai "renstra" tidak dikenal', "master_plan, ict_roadmap"],
    ),
    (
        CITY.replace("    every: 18 months\n", "    period: continuous\n    every: 18 months\n"),
        28,
        ["isi period atau every, tidak keduanya"],
    ),
]


@pytest.mark.parametrize(("text", "line", "fragments"), V3_MISTAKES)
def test_version_3_mistakes_are_reported_at_their_line_with_the_allowed_values(db, text, line, fragments):
    report = profiles.validate_text(text, "salah.yaml")
    assert not report.ok
    joined = "\n".join(report.lines())
    assert any(f"salah.yaml:{line}: galat:" in entry for entry in report.lines()), joined
    for fragment in fragments:
        assert fragment in joined, joined


def test_version_1_profiles_still_load_as_a_regency_s(db):
    regulation, report = profiles.load_text(TINY, source="uji.yaml")
    assert report.ok and regulation.government_kind == "kabupaten" and str(regulation).startswith("Perbup ")
    text = TINY.replace(
        "subject: each_agency\n    period: yearly", "subject: agency_kind:inspektorat\n    period: yearly"
    )
    report = profiles.validate_text(text, "lama.yaml")
    assert any("memerlukan schema_version: 3" in m for _l, m in report.errors), report.lines()
