"""Bad input never gets a 500 (issue 7 §4): every registered list, through its API, its page
and its export, is asked with bad filter, ordering, page-size, page and cursor values.

The lists come from the registry (registry.api_routes, each viewset with its ModelUI), so a
model registered later is fuzzed the day it is registered. A 500 fails the test with the
server's exception (the test client re-raises it).
"""

import base64
import json

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from spbe.core.registry import registry

ROUTES = [(prefix, viewset) for prefix, viewset, _basename in registry.api_routes]
HUGE = "99999999999999999999"  # beyond a 64-bit integer column

# Values each filter of a list gets (all filters at once: the filter form validates each).
BAD_VALUES = [HUGE, f"-{HUGE}", "-1", "0", "abc", "1e400", "9.5", "NaN", " ", "\x00", "2026-13-45", "'"]
# The page and the export share the API's filter set: the kinds of value that break it.
PAGE_VALUES = (HUGE, "abc", "\x00")


def _cursor(payload) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


# Whole-list parameters, with the statuses a correct API may answer.
LIST_PARAMS = [
    ("ordering=no_such_field", {200}),
    ("ordering=-", {200}),
    ("ordering=password", {200}),
    ("ordering=id,-id,,", {200}),
    ("page_size=0", {200}),
    ("page_size=-1", {200}),
    ("page_size=1000000000", {200}),
    (f"page_size={HUGE}", {200}),
    ("page_size=abc", {200}),
    ("page=2", {400}),
    ("cursor=%%%", {400}),
    ("cursor=abc", {400}),
    (f"cursor={_cursor({'o': 'pk', 'v': [int(HUGE)]})}", {400}),
    (f"cursor={_cursor({'o': 'pk', 'v': ['abc']})}", {400}),
    (f"cursor={_cursor({'o': 'pk', 'v': [[1], {'a': 1}]})}", {400}),
    (f"cursor={_cursor({'o': 'pk', 'v': [{'a': 1}]})}", {400}),
    (f"cursor={_cursor({'o': 'pk', 'v': None})}", {400}),
    (f"cursor={_cursor([1, 2])}", {400}),
]
PAGE_PARAMS = [
    "sort=no_such_field",
    "sort=-",
    f"page={HUGE}",
    "page=-1",
    "page=abc",
    "per_page=-1",
    f"per_page={HUGE}",
    "per_page=abc",
    "columns=no_such_column",
    "format=no_such_format",
]


@pytest.fixture
def admin_user(gov):
    from spbe.org.choices import Role

    from ..factories import user_with_role

    return user_with_role(Role.PLATFORM_ADMIN, None, "platform.admin")


def filter_names(viewset) -> list[str]:
    return sorted(viewset.filterset_class.base_filters)


def query(viewset, value) -> dict:
    return {name: value for name in filter_names(viewset)}


def assert_error_body(response, *names):
    body = response.json()
    assert set(body) == {"detail", "code", "errors"}, body
    assert body["code"] == "invalid" and body["detail"]
    for name in names:
        assert name in body["errors"], (name, body)


@pytest.mark.parametrize("prefix,viewset", ROUTES, ids=[prefix for prefix, _ in ROUTES])
def test_bad_filter_values_never_give_a_500_on_the_api_page_and_export(client, admin_user, prefix, viewset):
    api = APIClient()
    api.force_authenticate(admin_user)
    client.force_login(admin_user)
    url = f"/api/v1/{prefix}/"
    ui = viewset.ui
    page_url = reverse(ui.url_name("list"))
    export_url = reverse(ui.url_name("export"))
    for value in BAD_VALUES:
        response = api.get(url, query(viewset, value))
        assert response.status_code in (200, 400), (prefix, value, response.status_code)
        if response.status_code == 400:
            assert_error_body(response)
        if value not in PAGE_VALUES:
            continue
        page = client.get(page_url, query(viewset, value))
        assert page.status_code == 200, (prefix, value, page.status_code)
        export = client.get(export_url, query(viewset, value))
        assert export.status_code in (200, 302), (prefix, value, export.status_code)
        if response.status_code == 400:
            # The page and the export refuse the same filters as the API.
            assert export.status_code == 302 and export["Location"].startswith(page_url)
            assert "Saringan tidak valid" in page.content.decode()
    # A repeated filter with one good and one bad value.
    for name in filter_names(viewset):
        response = api.get(f"{url}?{name}=1&{name}={HUGE}")
        assert response.status_code in (200, 400), (prefix, name, response.status_code)


@pytest.mark.parametrize("prefix,viewset", ROUTES, ids=[prefix for prefix, _ in ROUTES])
def test_bad_ordering_page_size_and_cursor_never_give_a_500(client, admin_user, prefix, viewset):
    api = APIClient()
    api.force_authenticate(admin_user)
    client.force_login(admin_user)
    for params, statuses in LIST_PARAMS:
        response = api.get(f"/api/v1/{prefix}/?{params}")
        assert response.status_code in statuses, (
            prefix,
            params,
            response.status_code,
            response.content[:300],
        )
        if response.status_code == 400:
            assert_error_body(response)
    page_url = reverse(viewset.ui.url_name("list"))
    for params in PAGE_PARAMS:
        assert client.get(f"{page_url}?{params}").status_code == 200, (prefix, params)
    # An id no record can have: 404 on the API and the pages, like any missing record.
    assert api.get(f"/api/v1/{prefix}/{HUGE}/").status_code == 404
    assert api.patch(f"/api/v1/{prefix}/{HUGE}/", {}, format="json").status_code in (404, 405)
    assert client.get(f"{page_url}{HUGE}/").status_code == 404


def test_an_agency_filter_beyond_the_database_range_says_so_in_indonesian(client, admin_user, agency_a):
    """The reproduction of the issue: `?agency=99999999999999999999` on the people list."""
    api = APIClient()
    api.force_authenticate(admin_user)
    response = api.get(f"/api/v1/org/people/?agency={HUGE}")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Data tidak valid." and body["code"] == "invalid"
    assert body["errors"]["agency"] == [f"“{HUGE}” bukan nilai yang valid."]
    client.force_login(admin_user)
    page = client.get(f"/org/people/?agency={HUGE}")
    assert page.status_code == 200
    assert f"“{HUGE}” bukan nilai yang valid." in page.content.decode()
    assert "Saringan tidak valid" in page.content.decode()
    export = client.get(f"/org/people/export/?agency={HUGE}&format=csv")
    assert export.status_code == 302 and export["Location"] == f"/org/people/?agency={HUGE}&format=csv"
