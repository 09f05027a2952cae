"""A list page or API list makes a constant number of queries, whatever its length."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ..factories import DecreeFactory, PersonFactory

LISTS = [
    "/org/people/?sort=-nip&columns=name&columns=nip&columns=agency&columns=position",
    "/org/agencies/?columns=name&columns=parent&columns=head",
    "/org/decrees/",
    "/org/role-assignments/",
    "/api/v1/org/people/?ordering=-nip&page_size=50",
    "/api/v1/org/agencies/",
    "/api/v1/org/decrees/",
]


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx)


def test_query_count_does_not_grow_with_rows(client_a, agency_a, agency_b, gov):
    from ..factories import AgencyFactory

    PersonFactory.create_batch(3, agency=agency_a)
    DecreeFactory.create_batch(2, agency=agency_a)
    small = {url: _count(client_a, url) for url in LISTS}
    for _ in range(12):
        sub = AgencyFactory(government=gov, parent=agency_b)
        PersonFactory.create_batch(4, agency=sub)
        DecreeFactory.create_batch(2, agency=sub)
    large = {url: _count(client_a, url) for url in LISTS}
    assert small == large
