"""A reference held on a record as a stored record is not looked up again by full_clean
(core/models.py); a bare id still is, and one that names nothing is refused."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.org.models import Agency, Person

from ..factories import AgencyFactory, PersonFactory

pytestmark = pytest.mark.django_db


def agency_lookups(person) -> int:
    with CaptureQueriesContext(connection) as queries:
        try:
            person.full_clean()
        except ValidationError as error:
            person.errors = error.message_dict
    return sum('FROM "org_agency"' in q["sql"] for q in queries.captured_queries)


def test_a_held_agency_is_not_looked_up_but_a_bare_id_is(gov):
    agency = AgencyFactory(government=gov)
    person = PersonFactory.build(agency=agency)
    assert agency_lookups(person) == 0
    by_id = PersonFactory.build(agency=None)
    by_id.agency_id = agency.pk
    assert agency_lookups(by_id) == 1 and not getattr(by_id, "errors", {}).get("agency")


def test_a_reference_to_nothing_is_still_refused(gov):
    agency = AgencyFactory(government=gov)
    gone = Agency(pk=agency.pk + 1000, name="Tidak ada", government=gov)  # never stored
    person = PersonFactory.build(agency=gone)
    agency_lookups(person)
    assert "agency" in person.errors
    person = PersonFactory.build(agency=agency)
    person.agency_id = agency.pk + 1000  # the id changed after the record was held
    agency_lookups(person)
    assert "agency" in person.errors
    assert Person.objects.count() == 0
