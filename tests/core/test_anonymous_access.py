"""Every URL pattern and every API endpoint refuses anonymous users (redirect to login, 401 or 403).

New modules are covered automatically: the patterns are enumerated, not listed.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Public by design, and why.
PUBLIC = {
    "login/": "the login page itself",
    "logout/": "logging out needs no account",
    "health/": "liveness probe, returns only {'status': 'ok'}",
    "i18n/setlang/": "language switch",
    "api/v1/auth/token/": "exchanges a password for a token",
    "api/schema/": "the API's shape, no data",
    "api/docs/": "the API's documentation, no data",
    "api/v1/": "the API root lists endpoint URLs only",
    "verifikasi/": "the public verification page (core/views/verification.py): rate-limited, shows by classification",
    "verifikasi/1/": "a document's verification by its code, same rules",
    "verifikasi/1/salinan.pdf": "the registered copy: OPEN documents only, or a signed-in reader in scope",
    "password/": None,  # requires login (checked below like the rest)
    # datasets: the open-data portal, its DCAT catalog and the CKAN-compatible read API (OPEN,
    # published datasets only; tests/datasets/test_closed_entry_points.py)
    "open-data/": "the public open-data portal",
    "open-data/datasets/1/": "a published OPEN dataset's public page",
    "open-data/resources/1/download/": "a published OPEN dataset's file",
    "open-data/catalog.1": "the DCAT catalog of published OPEN datasets",
    "api/3/action/1": "CKAN-compatible read API over published OPEN datasets",
    "api/action/1": "CKAN-compatible read API over published OPEN datasets",
    # management: the public knowledge base (published articles for the public only;
    # tests/management/test_knowledge.py)
    "pengetahuan/": "the public knowledge base: published articles whose audience is the public",
    "pengetahuan/1/": "one published public article, by its UUID",
}


def _walk(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _concrete(route: str) -> str:
    """A real URL for a route: regex groups and converters filled with sample values."""
    route = re.sub(r"\(\?P<format>[^)]*\)", "json", route)
    route = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", route)
    route = re.sub(r"<(?:\w+:)?\w+>", "1", route)
    route = route.replace("\\.", ".").replace("\\Z", "").replace("/?$", "/").replace("^", "").replace("$", "")
    return "/" + route


def all_routes():
    routes = sorted({_concrete(r) for r in _walk(get_resolver().url_patterns)})
    return [r for r in routes if not r.startswith("/admin/") and not r.startswith("/static/")]


def test_enumeration_finds_the_model_pages_and_api():
    routes = all_routes()
    assert "/org/people/" in routes and "/org/people/1/edit/" in routes
    assert "/api/v1/org/people/" in routes and "/api/v1/org/people/1/" in routes


@pytest.mark.parametrize("route", all_routes())
@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_request_gets_no_private_data(client, route, method, agency_a):
    from ..factories import DecreeFactory, PersonFactory

    PersonFactory(agency=agency_a, name="Rahasia Pegawai")
    DecreeFactory(agency=agency_a, title="Rahasia Keputusan", classification="closed")
    if route.lstrip("/") in PUBLIC and PUBLIC[route.lstrip("/")]:
        response = getattr(client, method)(route)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"Rahasia" not in body
        return
    response = getattr(client, method)(route)
    if response.status_code in (301, 302):
        assert "/login/" in response["Location"], route
    else:
        assert response.status_code in (401, 403, 404, 405), (route, response.status_code)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Rahasia" not in body


def test_admin_site_is_closed_to_everyone_but_superusers(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
