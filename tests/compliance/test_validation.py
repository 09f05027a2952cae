"""Validation catches what a person writing a profile gets wrong: the line of the offending key, the
allowed values, wholly in the reader's language, and nothing loaded."""

import pytest
from django.utils import translation

from spbe.compliance import profiles
from spbe.compliance.models import Regulation

from .conftest import TINY

# Line numbers are the profile's own (TINY starts at line 1).
MISTAKES = [
    # a check type nobody provides: an error, not "automatic check not yet available"
    (
        TINY.replace("check: {type: attestation}", "check: {type: sop_registred}"),
        37,
        [
            "jenis pemeriksaan sop_registred pada uji-4-2-sop tidak dikenal",
            "role_in_each_agency",
            "attestation",
        ],
    ),
    # a misspelled role
    (
        TINY.replace("{role: service_desk_tier1}", "{role: service_desk_teir1}"),
        29,
        ["service_desk_teir1", "tidak dikenal", "nilai yang boleh:", "service_desk_tier1", "data_steward"],
    ),
    # a misspelled evidence kind (not the warning of a real but unregistered one)
    (
        TINY.replace(
            "check: {type: attestation}",
            "check: {type: record_every, params: {kind: backup_runs, months: 12}}",
        ),
        37,
        ["backup_runs tidak dikenal", "nilai yang boleh:", "backup_run", "network_diagram"],
    ),
    # a misspelled review document
    (
        TINY.replace(
            "check: {type: attestation}",
            "check: {type: review_within, params: {document: masterplan, months: 12}}",
        ),
        37,
        ["masterplan tidak dikenal", "master_plan", "intra_network"],
    ),
    # a parameter of the wrong type: in Indonesian, not "'12' is not of type 'integer'"
    (
        TINY.replace(
            "check: {type: attestation}",
            "check: {type: record_every, params: {kind: backup_run, months: '12'}}",
        ),
        37,
        ['nilai "12" harus berupa bilangan bulat'],
    ),
    # an unknown parameter key
    (
        TINY.replace("{role: service_desk_tier1}", "{role: service_desk_tier1, scope: all}"),
        29,
        ["kunci scope tidak dikenal; kunci yang boleh: role"],
    ),
    # an enumerated team position
    (
        TINY.replace("required_positions: [chair]", "required_positions: [ketua]"),
        45,
        ['nilai "ketua" tidak dikenal; nilai yang boleh: chair, vice_chair, secretary, member'],
    ),
    # a document kind in the profile's parameters
    (
        TINY.replace("parameters: {}", "parameters:\n  application_documents: [requirements, manual]"),
        10,
        ['nilai "manual" tidak dikenal', "user_manual", "source_code"],
    ),
    # an enumerated profile parameter
    (
        TINY.replace("parameters: {}", "parameters:\n  agency_hosting: allowed"),
        10,
        ['nilai "allowed" tidak dikenal', "forbidden, autonomous_only, coordinated_local, unspecified"],
    ),
    # a period on its own line within the obligation, not the obligation's first line
    (TINY.replace("period: yearly", "period: tahunan"), 35, ['"tahunan"', "yearly", "every_5_years"]),
]


@pytest.mark.parametrize(("text", "line", "fragments"), MISTAKES)
def test_each_mistake_is_reported_at_its_line_with_the_allowed_values_and_nothing_loads(
    text, line, fragments, tiny_regulation
):
    before = (Regulation.objects.count(), tiny_regulation.checksum)
    report = profiles.validate_text(text.replace("id: uji-1-2026", "id: uji-9-2026"), "salah.yaml")
    assert not report.ok
    joined = "\n".join(report.lines())
    assert any(f"salah.yaml:{line}: galat:" in entry for entry in report.lines()), joined
    for fragment in fragments:
        assert fragment in joined, joined
    for english in ("is not of type", "is not one of", "Additional properties", "is a required property"):
        assert english not in joined
    with pytest.raises(profiles.ProfileError):
        profiles.load_text(text.replace("id: uji-1-2026", "id: uji-9-2026"), source="salah.yaml")
    tiny_regulation.refresh_from_db()
    assert (Regulation.objects.count(), tiny_regulation.checksum) == before


def test_a_real_but_unregistered_evidence_kind_is_a_warning_naming_its_module(db):
    text = TINY.replace(
        "check: {type: attestation}",
        "check: {type: record_every, params: {kind: audit_infrastructure, months: 12}}",
    )
    report = profiles.validate_text(text, "ok.yaml")
    assert report.ok
    assert any(line == 37 and "modul audits" in m for line, m in report.warnings), report.lines()


def test_messages_are_english_for_an_english_reader(db):
    text = TINY.replace("{role: service_desk_tier1}", "{role: service_desk_teir1}")
    with translation.override("en"):
        joined = "\n".join(profiles.validate_text(text, "wrong.yaml").lines())
    assert "is unknown; allowed values:" in joined, joined
    assert "tidak dikenal" not in joined and "galat" not in joined


def test_check_types_doc_is_generated_from_the_registry_and_up_to_date():
    from pathlib import Path

    from spbe.compliance import vocabulary
    from spbe.core import checks

    doc = Path(__file__).resolve().parents[2] / "docs" / "regulations" / "check-types.md"
    assert doc.read_text(encoding="utf-8") == vocabulary.check_types_markdown(), (
        "run `spbe regulation vocabulary --markdown > docs/regulations/check-types.md`"
    )
    documented = set(vocabulary.check_type_docs())
    assert set(checks.check_types()) <= documented, "every installed check type says what it means"
    assert set(vocabulary.planned_names("check_types")) <= documented


def test_vocabulary_command_lists_installed_types_evidence_kinds_and_roles(db, capsys):
    from django.core.management import call_command

    call_command("regulation", "vocabulary")
    out = capsys.readouterr().out
    for name in (
        "role_in_each_agency",
        "record_every",
        "agency_hosting_rule",
        "backup_run",
        "service_desk_tier1",
    ):
        assert name in out
    assert "infrastructure" in out


CITATIONS = (
    TINY.replace("id: uji-1-2026", "id: uji-8-2026")
    .replace("citation: Pasal 4 ayat (1)", "citation: Pasal 5A ayat (1)")
    .replace("citation: Pasal 4 ayat (2)", "citation: Pasal 12-14")
    .replace("citation: Pasal 3 ayat (1)", "citation: Pasal 5 ayat (2) dan (4)")
    .replace("citation: Pasal 5 ayat (1)", "citation: Lampiran huruf A")
)


def test_ranges_several_ayat_an_annex_and_inserted_articles_are_cited_and_kept_apart(
    tiny_gov, two_agencies, client
):
    from spbe.compliance import engine
    from spbe.compliance.models import Obligation

    from ..factories import user_with_role

    regulation, report = profiles.load_text(CITATIONS, source="kutipan.yaml")
    assert report.ok, report.lines()
    labels = dict(Obligation.objects.filter(regulation=regulation).values_list("code", "article_label"))
    assert labels == {
        "uji-3-1-ict-office": "5",
        "uji-4-1-helpdesk": "5A",
        "uji-4-2-sop": "12-14",
        "uji-5-1-team": "Lampiran",
    }
    assert profiles.article_of("Pasal 5A ayat (1)") == (5, "5A", "1")
    tiny_gov.regulation = regulation.code
    tiny_gov.save()
    engine.run_full(tiny_gov)
    client.force_login(user_with_role("ict_admin", None, "kominfo.kutipan"))
    inserted = client.get("/compliance/articles/5A/").content.decode()
    plain = client.get("/compliance/articles/5/").content.decode()
    assert "Pasal 5A ayat (1)" in inserted and "Pasal 5 ayat (2) dan (4)" not in inserted
    assert "Pasal 5 ayat (2) dan (4)" in plain and "Pasal 5A" not in plain
    assert client.get("/compliance/articles/Lampiran/").status_code == 200


def test_the_coverage_parser_reads_inserted_articles():
    from .test_profiles import articles_in

    text = "Pasal 5\n\n(1) Satu.\n\nPasal 5A\n\n(1) Sisipan.\n\nPasal 6\n\nEnam."
    assert set(articles_in(text)) == {"5", "5A", "6"}
    assert "Sisipan" in articles_in(text)["5A"] and "Sisipan" not in articles_in(text)["5"]
