"""The security check types, worked out by hand: certificates_held (an expired certificate makes
it unmet, one running out within 30 days is a warning, the education letter counts only where the
profile allows), incidents_reported (late reports, none: not applicable), incident_notice_sent and
security_services_provided."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from spbe.core.checks import Status, Subject, check_type
from spbe.security import services
from spbe.security.models import (
    CertificateDuty,
    ElectronicCertificate,
    SecurityServiceKind,
    SecurityServiceRequest,
)

from ..factories import PersonFactory
from .conftest import make_incident

TODAY = timezone.localdate()


def _run(name, gov, agency, **params):
    obligation = SimpleNamespace(params=params)
    out = check_type(name).evaluate(obligation, [Subject(gov, agency)], {})
    return out[agency.pk if agency else None]


def _duty(agency, *, until=None, revoked=False, kind="certificate", public=False):
    person = PersonFactory(agency=agency)
    CertificateDuty.objects.create(person=person, duty="Penandatangan naskah dinas", public_service=public)
    if until is not None:
        ElectronicCertificate.objects.create(
            holder=person,
            kind=kind,
            serial=f"S-{person.pk}",
            valid_from=TODAY - datetime.timedelta(days=400),
            valid_until=until,
            revoked=revoked,
            revoked_on=TODAY - datetime.timedelta(days=1) if revoked else None,
        )
    return person


def test_all_valid_is_met(gov, agency_a):
    _duty(agency_a, until=TODAY + datetime.timedelta(days=200))
    outcome = _run("certificates_held", gov, agency_a)
    assert outcome.status == Status.MET and "Peringatan" not in str(outcome.reason)


def test_expiring_within_30_days_is_met_with_a_warning(gov, agency_a):
    _duty(agency_a, until=TODAY + datetime.timedelta(days=20))
    outcome = _run("certificates_held", gov, agency_a)
    assert outcome.status == Status.MET
    assert "Peringatan: 1 sertifikat berakhir dalam 30 hari" in str(outcome.reason)


@pytest.mark.parametrize(
    "revoked,until",
    [(False, TODAY - datetime.timedelta(days=1)), (True, TODAY + datetime.timedelta(days=90))],
)
def test_expired_or_revoked_makes_it_unmet(gov, agency_a, revoked, until):
    _duty(agency_a, until=TODAY + datetime.timedelta(days=200))
    _duty(agency_a, until=until, revoked=revoked)
    assert _run("certificates_held", gov, agency_a).status == Status.UNMET


def test_missing_one_is_partly_met_and_none_registered_is_unmet(gov, agency_a, agency_b):
    _duty(agency_a, until=TODAY + datetime.timedelta(days=200))
    _duty(agency_a)
    assert _run("certificates_held", gov, agency_a).status == Status.PARTLY_MET
    assert _run("certificates_held", gov, agency_b).status == Status.UNMET


def test_education_letter_counts_only_where_the_profile_allows(gov, agency_a):
    _duty(agency_a, until=TODAY + datetime.timedelta(days=90), kind="education_letter")
    assert _run("certificates_held", gov, agency_a).status == Status.UNMET
    assert _run("certificates_held", gov, agency_a, education_letter=True).status == Status.MET


def test_public_service_only(gov, agency_a):
    _duty(agency_a)
    _duty(agency_a, until=TODAY + datetime.timedelta(days=90), public=True)
    assert _run("certificates_held", gov, agency_a, public_service=True).status == Status.MET


def test_incidents_reported_late_and_none(gov, agency_a, agency_b):
    assert _run("incidents_reported", gov, agency_a).status == Status.NOT_APPLICABLE
    now = timezone.now()
    make_incident(
        agency_a, occurred_at=now - datetime.timedelta(hours=5), detected_at=now - datetime.timedelta(hours=4)
    )
    assert _run("incidents_reported", gov, agency_a).status == Status.MET
    make_incident(
        agency_b,
        title="Deface terlambat",
        occurred_at=now - datetime.timedelta(days=4),
        detected_at=now - datetime.timedelta(days=3),
    )
    outcome = _run("incidents_reported", gov, agency_b)
    assert outcome.status == Status.UNMET and "Deface terlambat" in str(outcome.reason)
    assert _run("incidents_reported", gov, agency_b, hours=100).status == Status.MET


def test_notice_check(gov, agency_a, editor_a):
    assert _run("incident_notice_sent", gov, agency_a).status == Status.NOT_APPLICABLE
    incident = make_incident(agency_a)  # an attack: needs the notice
    assert _run("incident_notice_sent", gov, agency_a).status == Status.UNMET
    services.incident_notify_steward(incident=incident, user=editor_a)
    assert _run("incident_notice_sent", gov, agency_a).status == Status.MET
    make_incident(agency_a, title="Disk penuh", kind="failure")  # a minor failure needs none
    assert _run("incident_notice_sent", gov, agency_a).status == Status.MET


def test_security_services_provided(gov, agency_a, ict_admin):
    services.service_kinds_load()
    assert SecurityServiceKind.objects.count() == 16
    assert _run("security_services_provided", gov, None).status == Status.UNMET
    row = SecurityServiceRequest.objects.create(
        agency=agency_a,
        kind=SecurityServiceKind.objects.get(code="vulnerability-assessment"),
        title="Uji",
        description="Uji penetrasi",
    )
    services.service_request_plan(request_row=row, user=ict_admin, planned_date=TODAY)
    row.refresh_from_db()
    services.service_request_report(
        request_row=row, user=ict_admin, done_date=TODAY, report="Uji penetrasi selesai tiga hari."
    )
    assert _run("security_services_provided", gov, None).status == Status.MET
    waiting = SecurityServiceRequest.objects.create(
        agency=agency_a,
        kind=SecurityServiceKind.objects.get(code="awareness"),
        title="Literasi",
        description="Pelatihan",
    )
    SecurityServiceRequest.objects.filter(pk=waiting.pk).update(
        requested_on=TODAY - datetime.timedelta(days=40)
    )
    assert _run("security_services_provided", gov, None).status == Status.PARTLY_MET
