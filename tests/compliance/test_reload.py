"""Reloading a profile says what changed, re-evaluates at once, and retired obligations say so."""

from django.core.management import call_command

from spbe.compliance import engine, profiles
from spbe.compliance.models import ComplianceStatus, Obligation

from .conftest import TINY


def _status(gov, code, agency=None):
    row = ComplianceStatus.objects.get(government=gov, obligation__code=code, agency=agency)
    return row.status, row.reason


def test_reload_reports_added_changed_retired_and_brought_back(tiny_regulation, tmp_path, capsys):
    changed = TINY.replace(
        "severity: medium\n    check: {type: attestation}", "severity: high\n    check: {type: attestation}"
    )
    changed = changed.split("  - id: uji-5-1-team")[0] + (
        "  - id: uji-6-1-new\n    citation: Pasal 6 ayat (1)\n    group: governance\n"
        "    statement: Pemerintah daerah menetapkan kebijakan baru.\n    subject: government\n"
        "    period: once\n    severity: low\n    check: {type: attestation}\n"
    )
    path = tmp_path / "v2.yaml"
    path.write_text(changed)
    call_command("regulation", "load", str(path))
    out = capsys.readouterr().out
    assert "Ditambahkan (1): uji-6-1-new" in out
    assert "Diubah: uji-4-2-sop (severity)" in out
    assert "Tidak berlaku lagi (1): uji-5-1-team" in out
    team = Obligation.objects.get(regulation=tiny_regulation, code="uji-5-1-team")
    tiny_regulation.refresh_from_db()
    assert team.retired and team.retired_in_version == tiny_regulation.version and team.retired_at

    path.write_text(TINY)
    call_command("regulation", "load", str(path))
    out = capsys.readouterr().out
    assert "Berlaku lagi (1): uji-5-1-team" in out
    assert "Tidak berlaku lagi (1): uji-6-1-new" in out
    team.refresh_from_db()
    assert not team.retired and team.restored_in_version == tiny_regulation.version + 1


def test_reload_re_evaluates_affected_results_at_once(
    tiny_gov, two_agencies, django_capture_on_commit_callbacks
):
    engine.run_full(tiny_gov)
    assert _status(tiny_gov, "uji-4-1-helpdesk", two_agencies[0])[0] == "unmet"  # no tier-1 assigned
    attested = TINY.replace(
        "check: {type: role_in_each_agency, params: {role: service_desk_tier1}}", "check: {type: attestation}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _regulation, report = profiles.load_text(attested, source="uji.yaml")
    assert report.diff.changed == {"uji-4-1-helpdesk": ["check_type", "params"]}
    state, reason = _status(tiny_gov, "uji-4-1-helpdesk", two_agencies[0])
    assert state == "awaiting" and "Belum ada pernyataan" in reason  # not the old role check's reason


def test_retired_and_brought_back_obligation_pages_say_so(tiny_regulation, client, ict_admin):
    client.force_login(ict_admin)
    profiles.load_text(TINY.split("  - id: uji-5-1-team")[0], source="uji.yaml")
    team = Obligation.objects.get(regulation=tiny_regulation, code="uji-5-1-team")
    page = client.get(team.get_absolute_url()).content.decode()
    assert 'id="retired-notice"' in page and "versi 2" in page
    profiles.load_text(TINY, source="uji.yaml")
    page = client.get(team.get_absolute_url()).content.decode()
    assert 'id="restored-notice"' in page and "versi profil 3" in page
