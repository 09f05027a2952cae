"""Availability through backup and recovery (Parigi Moutong Pasal 27 ayat (4)): the applications
that hold LIMITED or CLOSED data need a backup plan proven by a restore drill within its period."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from spbe.core.checks import Status, Subject, check_type
from spbe.infrastructure.choices import Hosting, ServerKind
from spbe.infrastructure.models import BackupPlan, RestoreTest, Server

from ..applications.conftest import ApplicationFactory
from ..datasets.conftest import make_dataset

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _run(gov, agency):
    out = check_type("critical_systems_backed_up").evaluate(
        SimpleNamespace(params={}), [Subject(gov, agency)], {}
    )
    return out[agency.pk if agency else None]


def test_systems_holding_non_public_data_need_proven_backups(gov, agency_a, agency_b):
    ApplicationFactory(agency=agency_a, name="Portal Berita", classification="open")
    assert _run(gov, agency_a).status == Status.NOT_APPLICABLE
    ApplicationFactory(agency=agency_a, name="SIMPEG Lama", classification="closed", status="retired")
    assert _run(gov, agency_a).status == Status.NOT_APPLICABLE  # retired: holds nothing any more

    simpeg = ApplicationFactory(agency=agency_a, name="SIMPEG", classification="limited")
    portal = ApplicationFactory(agency=agency_a, name="Portal Data", classification="open")
    closed = make_dataset(agency_a, title="Data korban", classification="closed")
    closed.applications.add(portal)  # an OPEN application that holds CLOSED data counts too
    ApplicationFactory(agency=agency_b, name="Aplikasi B", classification="closed")

    outcome = _run(gov, agency_a)
    assert outcome.status == Status.UNMET
    assert outcome.reason.params["none"] == ["Portal Data", "SIMPEG"]

    plan = BackupPlan.objects.create(
        agency=agency_a, name="Cadangan SIMPEG", application=simpeg, contents="db"
    )
    server = Server.objects.create(
        agency=agency_a, name="srv-portal", kind=ServerKind.VIRTUAL, hosting=Hosting.VPS
    )
    server.applications.add(portal)
    by_server = BackupPlan.objects.create(
        agency=agency_a, name="Cadangan server portal", server=server, contents="db", restore_every_months=6
    )
    outcome = _run(gov, agency_a)
    assert outcome.status == Status.UNMET  # planned, never restored
    assert outcome.reason.params["old"] == ["Portal Data", "SIMPEG"]

    RestoreTest.objects.create(plan=plan, tested_on=TODAY - datetime.timedelta(days=30), checksums_match=True)
    RestoreTest.objects.create(
        plan=by_server, tested_on=TODAY - datetime.timedelta(days=250), checksums_match=True
    )
    outcome = _run(gov, agency_a)
    assert outcome.status == Status.PARTLY_MET  # the portal's drill is older than its 6 months
    assert outcome.reason.params["old"] == ["Portal Data"]

    RestoreTest.objects.create(plan=by_server, tested_on=TODAY, checksums_match=True)
    assert _run(gov, agency_a).status == Status.MET
    assert _run(gov, agency_b).status == Status.UNMET
    assert _run(gov, None).status == Status.PARTLY_MET  # the government: A met, B not
