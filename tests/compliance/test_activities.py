"""Recorded activities: a duty recorded as it happens is the evidence its obligation looks for."""

import datetime

import pytest
from django.utils import timezone

from spbe.compliance import engine, profiles, vocabulary
from spbe.compliance.models import ActivityKind, ComplianceStatus, RecordedActivity
from spbe.core import approvals

from ..factories import user_with_role
from .conftest import TINY

ACTIVITIES = TINY.replace("id: uji-1-2026", "id: uji-7-2026") + (
    "  - id: uji-6-1-team-meets\n    citation: Pasal 6 ayat (1)\n    group: governance\n"
    "    statement: Tim Koordinasi SPBE mengoordinasikan kebijakan antar-PD.\n    subject: coordination_team\n"
    "    period: continuous\n    severity: medium\n"
    "    check: {type: record_every, params: {activity: coordination_meeting, months: 6}}\n"
    "  - id: uji-6-2-agency-report\n    citation: Pasal 6 ayat (2)\n    group: management\n"
    "    statement: Setiap PD melapor penyelenggaraan SPBE kepada Bupati melalui Dinas.\n"
    "    subject: each_agency\n    period: periodic\n    severity: medium\n"
    "    check: {type: record_every, params: {activity: agency_spbe_report, months: 12}}\n"
)


@pytest.fixture
def activity_gov(tiny_gov, two_agencies):
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    regulation, report = profiles.load_text(ACTIVITIES, source="kegiatan.yaml")
    assert report.ok, report.lines()
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    return tiny_gov


def _status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(government=gov, obligation__code=code, agency=agency)
    return row.status, row.reason


def _record(gov, code, days_ago, agency=None, user=None):
    return RecordedActivity.objects.create(
        government=gov,
        kind=ActivityKind.objects.get(code=code),
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        agency=agency,
        title="Rapat atau laporan",
        created_by=user,
    )


def test_a_team_meeting_within_the_interval_meets_the_duty_and_an_old_one_does_not(activity_gov):
    engine.run_full(activity_gov)
    state, reason = _status(activity_gov, "uji-6-1-team-meets")
    assert state == "unmet" and "Belum ada Rapat Tim Koordinasi SPBE yang tercatat" in reason
    _record(activity_gov, "coordination_meeting", 300)
    engine.run_full(activity_gov)
    state, reason = _status(activity_gov, "uji-6-1-team-meets")
    assert state == "unmet" and "lebih dari 6 bulan lalu" in reason
    _record(activity_gov, "coordination_meeting", 20)
    engine.run_full(activity_gov)
    assert _status(activity_gov, "uji-6-1-team-meets")[0] == "met"


def test_a_report_needing_approval_counts_only_once_the_ict_office_approves_it(
    activity_gov, two_agencies, ict_admin, django_capture_on_commit_callbacks
):
    one, two = two_agencies
    author = user_with_role("agency_admin", one, "admin.satu")
    with django_capture_on_commit_callbacks(execute=True):
        report = _record(activity_gov, "agency_spbe_report", 10, agency=one, user=author)
    report.refresh_from_db()
    assert report.status == "submitted"
    engine.run_full(activity_gov)
    assert _status(activity_gov, "uji-6-2-agency-report", one)[0] == "unmet"
    with django_capture_on_commit_callbacks(execute=True):
        approvals.approval_decide(
            request=approvals.requests_for(report).first(), user=ict_admin, approve=True, reason="Lengkap."
        )
    report.refresh_from_db()
    assert report.status == "approved"
    assert _status(activity_gov, "uji-6-2-agency-report", one)[0] == "met"  # re-evaluated at once
    assert _status(activity_gov, "uji-6-2-agency-report", two)[0] == "unmet"


def test_an_unknown_activity_kind_is_an_error_with_the_known_ones(db):
    profiles.sync_activity_kinds(profiles.yaml.safe_load(profiles.ACTIVITY_KINDS_FILE.read_text()))
    text = ACTIVITIES.replace("activity: coordination_meeting", "activity: rapat_tim")
    report = profiles.validate_text(text, "salah.yaml")
    joined = "\n".join(report.lines())
    assert not report.ok and "jenis kegiatan rapat_tim tidak dikenal" in joined
    line = (
        text.splitlines().index("    check: {type: record_every, params: {activity: rapat_tim, months: 6}}")
        + 1
    )
    assert "coordination_meeting" in joined and f"salah.yaml:{line}:" in joined, joined


def test_a_profile_can_declare_its_own_activity_kind(db):
    text = (
        ACTIVITIES.replace("schema_version: 1", "schema_version: 2")
        .replace(
            "groups:\n",
            "activity_kinds:\n  - {code: inspektorat_review, name: Reviu Inspektorat, recorded_by: government}\ngroups:\n",
        )
        .replace("activity: coordination_meeting", "activity: inspektorat_review")
    )
    _regulation, report = profiles.load_text(text, source="sendiri.yaml")
    assert report.ok, report.lines()
    assert ActivityKind.objects.get(code="inspektorat_review").name == "Reviu Inspektorat"


def test_activities_have_list_detail_pages_and_an_api(activity_gov, client, ict_admin):
    activity = _record(activity_gov, "coordination_meeting", 5)
    client.force_login(ict_admin)
    page = client.get("/compliance/activities/")
    assert page.status_code == 200 and "Rapat atau laporan" in page.content.decode()
    assert client.get(activity.get_absolute_url()).status_code == 200
    api = client.get("/api/v1/compliance/activities/")
    assert api.status_code == 200 and "Rapat atau laporan" in api.content.decode()


def test_kubar_10_4_is_checked_by_the_decree_check_it_names(shipped):
    ob = shipped["kutai-barat-7-2019"].obligations.get(code="kubar-10-4-team-membership-decree")
    assert ob.check_type == "coordination_team_decreed"
    assert vocabulary.classify(ob.check_type, ob.params).category == vocabulary.AUTOMATIC


def test_recurring_duties_of_every_profile_are_judged_by_recorded_activity(shipped):
    for code, regulation in shipped.items():
        counts = vocabulary.regulation_coverage(regulation)
        assert counts[vocabulary.ACTIVITY] >= 1, code


def test_activity_kinds_need_schema_version_2_and_version_1_profiles_still_load(db):
    text = ACTIVITIES.replace(
        "groups:\n", "activity_kinds:\n  - {code: inspektorat_review, name: Reviu Inspektorat}\ngroups:\n"
    )
    report = profiles.validate_text(text, "v1.yaml")
    assert not report.ok and "activity_kinds memerlukan schema_version: 2" in "\n".join(report.lines())
    assert profiles.validate_text(TINY, "v1.yaml").ok


PROFILE_LINE_FIXES = [
    # (profile, obligation, the check it must no longer be judged by, what judges it now)
    ("sigi-27-2019", "sigi-21-2-agency-subdomain-site", "subdomain_under_domain", "attestation"),
    ("kutai-barat-7-2019", "kubar-23-2-agency-subdomain-site", "subdomain_under_domain", "note"),
    (
        "kutai-barat-7-2019",
        "kubar-13-4-data-in-data-centre",
        "agency_hosting_rule",
        "data_stored_in_data_centre",
    ),
    ("pangkep-5-2018", "pangkep-21-1-egov-unit", "role_in_each_agency", "attestation"),
    ("parigi-moutong-52-2024", "pm-29-2-security-coordination", "incidents_reported", "attestation"),
    ("parigi-moutong-52-2024", "pm-37-3-data-management", "dataset_metadata_complete", "attestation"),
]


@pytest.mark.parametrize(("code", "obligation", "wrong", "right"), PROFILE_LINE_FIXES)
def test_profile_lines_are_judged_by_what_the_text_says(shipped, code, obligation, wrong, right):
    ob = shipped[code].obligations.get(code=obligation)
    assert ob.check_type != wrong and ob.check_type == right


def test_a_permission_noted_in_a_profile_is_shown_but_never_scored(shipped, tiny_gov, client, ict_admin):
    regulation = shipped["kutai-barat-7-2019"]
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    engine.run_full(tiny_gov)
    note = regulation.obligations.get(code="kubar-23-2-agency-subdomain-site")
    assert not ComplianceStatus.objects.filter(obligation=note).exists()
    client.force_login(ict_admin)
    assert "kebolehan, bukan kewajiban" in client.get(regulation.get_absolute_url()).content.decode()
    assert vocabulary.regulation_coverage(regulation)[vocabulary.NOTE] == 3  # 15(2), 16(4), 23(2)


def test_pangkep_17_2_reads_have_regard_to_not_follow(shipped):
    ob = shipped["pangkep-5-2018"].obligations.get(code="pangkep-17-2-metadata-standard")
    assert "memperhatikan" in ob.statement and "mengikuti" not in ob.statement


def test_a_returned_report_is_corrected_and_sent_back_by_its_agency(
    activity_gov, two_agencies, ict_admin, client, django_capture_on_commit_callbacks
):
    one, two = two_agencies
    author = user_with_role("agency_admin", one, "admin.satu")
    colleague = user_with_role("agency_admin", one, "admin2.satu")
    outsider = user_with_role("agency_admin", two, "admin.dua")
    with django_capture_on_commit_callbacks(execute=True):
        report = _record(activity_gov, "agency_spbe_report", 10, agency=one, user=author)
        request = approvals.requests_for(report).first()
        approvals.approval_decide(
            request=request, user=ict_admin, decision="return", reason="Lampirkan notulen rapat."
        )
    report.refresh_from_db()
    assert report.status == "returned"
    assert _status(activity_gov, "uji-6-2-agency-report", one)[0] == "unmet"

    client.force_login(outsider)
    refused = client.post(request.get_absolute_url(), {"decision": "resubmit", "note": "x"})
    assert refused.status_code == 403
    client.force_login(colleague)  # anyone who may change the activity may send it back
    page = client.get(request.get_absolute_url()).content.decode()
    assert "Lampirkan notulen rapat." in page and "Ajukan kembali" in page
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(
            request.get_absolute_url(), {"decision": "resubmit", "note": "Notulen dilampirkan."}
        )
    assert sent.status_code == 302
    report.refresh_from_db()
    request.refresh_from_db()
    assert report.status == "submitted" and request.status == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        approvals.approval_decide(request=request, user=ict_admin, approve=True, reason="")
    assert _status(activity_gov, "uji-6-2-agency-report", one)[0] == "met"
