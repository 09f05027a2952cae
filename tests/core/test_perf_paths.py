"""API lists page by cursor: what a client sees (shape, page size, order, filters, errors)."""

import django_filters
import pytest
from rest_framework.test import APIClient

from spbe.core.filtersets import BaseFilterSet
from spbe.org.choices import EmploymentKind
from spbe.org.models import Agency, Person

from ..factories import AgencyFactory, PersonFactory

PEOPLE = "/api/v1/org/people/"


@pytest.fixture
def api(editor_a):
    client = APIClient()
    client.force_authenticate(editor_a)
    return client


@pytest.fixture
def staff(agency_a, agency_b):
    """Civil servants (with a NIP) and other staff (without), over two agencies, with
    repeated names so that every order has ties."""
    people = []
    for i in range(7):
        people.append(PersonFactory(agency=agency_a if i % 2 else agency_b, name=f"Sama {i % 3}"))
    for i in range(4):
        people.append(
            PersonFactory(
                agency=agency_a, name=f"Honorer {i % 2}", employment=EmploymentKind.NON_CIVIL, nip=None
            )
        )
    return people


def walk(api, url):
    """Every page of a list through its `next` links: (pages of ids, last page body)."""
    pages = []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append([row["id"] for row in body["results"]])
        url = body["next"]
    return pages, body


def expected(queryset, *ordering):
    """The order completed by the primary key in the direction of the last key (one index,
    read forwards or backwards, serves it)."""
    tiebreak = "-pk" if ordering and ordering[-1].startswith("-") else "pk"
    return list(queryset.order_by(*ordering, tiebreak).values_list("pk", flat=True))


def test_a_list_page_has_next_previous_and_results_but_no_count(api, staff):
    body = api.get(f"{PEOPLE}?page_size=5").json()
    assert set(body) == {"next", "previous", "results"}
    assert len(body["results"]) == 5 and body["previous"] is None and body["next"]
    row = body["results"][0]
    assert set(row["agency"]) == {"id", "display"}


@pytest.mark.parametrize("ordering", ["-nip", "nip", "name", "-name", "agency__short_name", "-employment"])
def test_following_next_lists_every_row_once_in_the_requested_order(api, staff, ordering):
    pages, last = walk(api, f"{PEOPLE}?ordering={ordering}&page_size=3")
    assert all(len(page) == 3 for page in pages[:-1]) and last["next"] is None
    field = ordering.lstrip("-")
    assert [pk for page in pages for pk in page] == expected(
        Person.objects.all(), f"-{field}" if ordering.startswith("-") else field
    )


def test_following_previous_gives_the_same_pages_back(api, staff):
    forward, last = walk(api, f"{PEOPLE}?ordering=-nip&page_size=4")
    backward, url = [], last["previous"]
    while url:
        body = api.get(url).json()
        backward.append([row["id"] for row in body["results"]])
        url = body["previous"]
    assert backward == forward[-2::-1]


def test_filter_and_ordering_together_return_exactly_the_matching_rows(api, staff, agency_a):
    pages, _ = walk(api, f"{PEOPLE}?employment=pns&agency={agency_a.pk}&ordering=-nip&page_size=2")
    civil_servants_of_a = Person.objects.filter(employment=EmploymentKind.CIVIL_SERVANT, agency=agency_a)
    assert [pk for page in pages for pk in page] == expected(civil_servants_of_a, "-nip")
    assert len(pages) == 2


def test_page_size_is_capped_at_200(api, agency_a):
    Person.objects.bulk_create(
        Person(agency=agency_a, name=f"Honorer {i:03d}", employment=EmploymentKind.NON_CIVIL)
        for i in range(205)
    )
    body = api.get(f"{PEOPLE}?page_size=500").json()
    assert len(body["results"]) == 200 and body["next"]
    assert len(api.get(body["next"]).json()["results"]) == 5
    assert len(api.get(PEOPLE).json()["results"]) == 50  # the default


def test_a_page_number_is_refused_with_the_usual_error_body(api, staff):
    response = api.get(f"{PEOPLE}?page=2")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["errors"]) == ["page"]


@pytest.mark.parametrize("cursor", ["bm90LWpzb24", "%%%", "eyJvIjoibmFtZSxwayIsInYiOlsieCIsImFiYyJdfQ"])
def test_a_damaged_cursor_is_refused(api, staff, cursor):
    response = api.get(f"{PEOPLE}?cursor={cursor}")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Data tidak valid.",
        "code": "invalid",
        "errors": {"cursor": ["Kursor halaman tidak valid."]},
    }


def test_a_cursor_only_continues_the_order_it_was_made_for(api, staff):
    next_url = api.get(f"{PEOPLE}?ordering=name&page_size=2").json()["next"]
    assert api.get(next_url).status_code == 200
    assert api.get(next_url.replace("ordering=name", "ordering=-nip")).status_code == 400


def test_the_browsable_api_shows_a_paged_list(api, staff):
    response = api.get(f"{PEOPLE}?page_size=2", HTTP_ACCEPT="text/html")
    assert response.status_code == 200 and "cursor=" in response.content.decode()


def test_a_filter_across_a_to_many_relation_still_lists_each_record_once(agency_a, agency_b):
    class AgencyByStaff(BaseFilterSet):
        staff = django_filters.MultipleChoiceFilter(
            field_name="person__employment", choices=EmploymentKind.choices
        )

        class Meta:
            model = Agency
            fields = ["staff"]

    PersonFactory.create_batch(3, agency=agency_a)
    PersonFactory(agency=agency_b, employment=EmploymentKind.NON_CIVIL, nip=None)
    AgencyFactory(government=agency_a.government)  # no staff at all
    found = AgencyByStaff({"staff": ["pns", "non_asn"]}, queryset=Agency.objects.all()).qs
    assert sorted(found.values_list("pk", flat=True)) == sorted([agency_a.pk, agency_b.pk])


def test_closed_records_of_another_agency_stay_invisible_in_a_list(agency_a, agency_b, editor_a):
    from ..factories import DecreeFactory

    mine = DecreeFactory(agency=agency_a, classification="closed")
    theirs = DecreeFactory(agency=agency_b, classification="closed")
    open_b = DecreeFactory(agency=agency_b, classification="open")
    client = APIClient()
    client.force_authenticate(editor_a)
    ids = {row["id"] for row in client.get("/api/v1/org/decrees/").json()["results"]}
    assert mine.pk in ids and open_b.pk in ids and theirs.pk not in ids
