"""List pages count at most `SPBE_LIST_COUNT_CAP` + 1 rows (core/paging.py): below the cap the
exact total and "page / pages", beyond it "lebih dari …" and a next link that still reaches the
end of the list. Run on SQLite and PostgreSQL alike."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from spbe.core.paging import CappedPaginator

from ..factories import PersonFactory

CAP = 5


@pytest.fixture
def capped(settings):
    settings.SPBE_LIST_COUNT_CAP = CAP


def people(agency, n):
    return [PersonFactory(agency=agency, name=f"Pegawai {i:03d}") for i in range(n)]


def names_on(html: str) -> list[str]:
    return re.findall(r"Pegawai \d{3}", html)


def test_below_the_cap_the_page_shows_the_exact_total(capped, client_a, agency_a):
    people(agency_a, CAP)
    html = client_a.get("/org/people/?per_page=25").content.decode()
    assert "5 data" in html
    assert "Menampilkan 1–5 dari 5" in html
    assert "1 / 1" in html
    assert "lebih dari" not in html


def test_beyond_the_cap_the_page_says_more_than_and_pages_to_the_end(capped, client_a, agency_a, settings):
    settings.SPBE_LIST_COUNT_CAP = 30  # one page of 25 and a second one beyond the cap
    people(agency_a, 57)
    first = client_a.get("/org/people/?per_page=25").content.decode()
    assert "lebih dari 30 data" in first
    assert "Menampilkan 1–25 dari lebih dari 30" in first
    assert "page=2" in first  # the next link
    assert "/ 2" not in first  # no last page claimed
    seen = names_on(first)
    page, html = 1, first
    while "Berikutnya" in html:
        page += 1
        html = client_a.get(f"/org/people/?per_page=25&page={page}").content.decode()
        seen += names_on(html)
    assert page == 3  # 25 + 25 + 7: the next link led past the cap to the last row
    assert "Menampilkan 51–57 dari lebih dari 30" in html
    assert "page=2" in html  # the previous link
    assert seen == [f"Pegawai {i:03d}" for i in range(57)]


def test_a_page_beyond_the_end_of_a_capped_list_shows_a_page_that_exists(capped, client_a, agency_a):
    people(agency_a, 12)
    html = client_a.get("/org/people/?per_page=25&page=40").content.decode()
    assert names_on(html)  # not an empty page, not an error
    assert client_a.get("/org/people/?per_page=25&page=abc").status_code == 200


def test_the_english_page_says_more_than(capped, client_a, agency_a, settings):
    people(agency_a, CAP + 1)
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    try:
        html = client_a.get("/org/people/?per_page=25").content.decode()
    finally:
        translation.deactivate()
    assert "more than 5 records" in html
    assert "Showing 1–6 of more than 5" in html


def test_the_cap_is_written_with_the_thousands_separator(client_a, agency_a):
    paginator = CappedPaginator([], 10, cap=1000)
    assert paginator.cap_label == "1.000"  # Indonesian grouping
    with translation.override("en"):
        assert paginator.cap_label == "1,000"


def test_the_count_reads_at_most_cap_plus_one_rows(capped, agency_a):
    from spbe.org.models import Person

    people(agency_a, 9)
    paginator = CappedPaginator(Person.objects.order_by("name", "pk"), 2)
    with CaptureQueriesContext(connection) as ctx:
        assert paginator.count == CAP + 1
    (query,) = ctx.captured_queries
    assert f"LIMIT {CAP + 1}" in query["sql"].upper()
    assert "ORDER BY" not in query["sql"].upper()  # no sort just to count
    assert paginator.capped and paginator.count_label == "lebih dari 5"
    page = paginator.get_page(5)
    assert [p.name for p in page.object_list] == ["Pegawai 008"] and not page.has_next()
    assert paginator.get_page(4).has_next()


def test_at_the_cap_exactly_the_count_is_exact(capped, agency_a):
    from spbe.org.models import Person

    people(agency_a, CAP)
    paginator = CappedPaginator(Person.objects.order_by("name", "pk"), 2)
    assert paginator.count == CAP and not paginator.capped
    assert paginator.num_pages == 3 and paginator.count_label == "5"
