"""Honest automation figures: an obligation counts as automatic only when an installed check runs it."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command

from spbe.compliance import vocabulary
from spbe.compliance.models import Regulation
from spbe.core import checks

DOC = Path(__file__).resolve().parents[2] / "docs" / "regulations" / "coverage.md"


def test_a_check_no_installed_module_answers_is_not_counted_as_automatic():
    # Evidence the audits module will record: planned, named with its module.
    planned = vocabulary.classify("record_every", {"kind": "audit_infrastructure", "months": 12})
    assert planned.category == vocabulary.PLANNED and planned.provider == "audits"
    # Once a module is installed its check types count as automatic (security is).
    assert vocabulary.classify("certificates_held", {}).category == vocabulary.AUTOMATIC
    assert vocabulary.classify("ict_office_designated", {}).category == vocabulary.AUTOMATIC
    assert vocabulary.classify("attestation", {}).category == vocabulary.ATTESTATION
    assert vocabulary.classify("note", {}).category == vocabulary.NOTE


def test_no_name_is_both_installed_and_planned():
    """When a module is built, its names leave data/planned_modules.yaml."""
    assert not set(vocabulary.planned_names("check_types")) & set(checks.check_types())
    installed_kinds = {k.name for k in checks.all_evidence_kinds()}
    assert not set(vocabulary.planned_names("evidence_kinds")) & installed_kinds
    installed_docs = {k.name for k in checks.all_review_documents()}
    assert not set(vocabulary.planned_names("review_documents")) & installed_docs


def test_coverage_command_prints_one_row_per_profile_that_adds_up(shipped, capsys):
    call_command("regulation", "coverage")
    out = capsys.readouterr().out
    for code, regulation in shipped.items():
        row = next(line for line in out.splitlines() if line.startswith(f"| {code} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        total = int(cells[1])
        assert total == regulation.obligations.filter(retired=False).count()
        assert sum(int(c.split()[0]) for c in cells[2:]) == total
    call_command("regulation", "list")
    assert "otomatis (terpasang)" in capsys.readouterr().out.lower()


def test_the_coverage_table_in_the_docs_is_the_one_the_command_prints(shipped):
    table = "\n".join(vocabulary.coverage_table(Regulation.objects.order_by("code")))
    text = DOC.read_text(encoding="utf-8")
    current = re.search(r"<!-- coverage:start -->\n(.*?)\n<!-- coverage:end -->", text, re.S)
    assert current, "docs/regulations/coverage.md has the generated table between its markers"
    assert current.group(1) == table, "run `spbe regulation coverage` and paste the table into the docs"


@pytest.mark.django_db
def test_profile_page_shows_coverage_and_marks_checks_not_installed(client, shipped, ict_admin):
    client.force_login(ict_admin)
    regulation = shipped["parigi-moutong-52-2024"]
    page = client.get(regulation.get_absolute_url()).content.decode()
    assert 'id="coverage"' in page
    assert "Menunggu modul: audits" in page  # the ICT audit obligations (Pasal 44-46)
    counts = vocabulary.regulation_coverage(regulation)
    assert counts[vocabulary.PLANNED] > 0 and counts[vocabulary.AUTOMATIC] > 0
