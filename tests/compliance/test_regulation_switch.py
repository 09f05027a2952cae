"""Choosing another regulation re-evaluates the government (compliance/wiring.py); reading a
government without its regulation (a list showing only its name) costs no query for it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.compliance import engine
from spbe.org.models import Government

pytestmark = pytest.mark.django_db


@pytest.fixture
def runs(monkeypatch):
    calls = []
    monkeypatch.setattr(engine, "run_full", lambda government, trigger="": calls.append(trigger))
    return calls


def test_a_government_read_without_its_regulation_reads_nothing_more(gov):
    with CaptureQueriesContext(connection) as queries:
        names = [g.name for g in Government.objects.only("name")]
    assert names == [gov.name] and len(queries) == 1


def test_switching_regulation_is_seen_whether_or_not_it_was_loaded(
    shipped, gov, runs, django_capture_on_commit_callbacks
):
    codes = sorted(shipped)
    for loaded in (Government.objects.get(pk=gov.pk), Government.objects.only("name").get(pk=gov.pk)):
        with django_capture_on_commit_callbacks(execute=True):
            loaded.name = loaded.name + " (ganti nama)"
            loaded.save()
        assert runs == []  # only the name changed
    for code in codes[:2]:
        for loaded in (Government.objects.get(pk=gov.pk), Government.objects.only("name").get(pk=gov.pk)):
            runs.clear()
            with django_capture_on_commit_callbacks(execute=True):
                loaded.regulation = code if loaded.regulation != code else codes[2]
                loaded.save()
            assert runs == ["regulation"]
