"""Every URL pattern and every API endpoint refuses anonymous users (redirect to login, 401 or 403).

New modules are covered automatically: the patterns are enumerated, not listed.
"""

import re

import pytest
from django.test import Client
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


def route_groups() -> dict[str, list[str]]:
    """Routes grouped by module (its page prefix, or its API prefix): one test per group keeps a
    failure's listing readable without paying a test's setup for each of some two thousand probes."""
    groups: dict[str, list[str]] = {}
    for route in all_routes():
        parts = route.strip("/").split("/")
        key = "/".join(parts[:3]) if parts[0] == "api" else parts[0]
        groups.setdefault(key or "(root)", []).append(route)
    return groups


GROUPS = route_groups()


def probe(route: str, method: str) -> str | None:
    """What is wrong with an anonymous request to `route`, or None."""
    response = getattr(Client(), method)(route)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if b"Rahasia" in body:
        return f"{method.upper()} {route}: shows private data"
    if PUBLIC.get(route.lstrip("/")):
        return None
    if response.status_code in (301, 302):
        if "/login/" not in response["Location"]:
            return f"{method.upper()} {route}: redirects to {response['Location']}, not to the login page"
    elif response.status_code not in (401, 403, 404, 405):
        return f"{method.upper()} {route}: answers {response.status_code}"
    return None


def test_every_route_is_in_a_group():
    assert sorted(r for routes in GROUPS.values() for r in routes) == all_routes()
    assert len(all_routes()) > 900


@pytest.mark.parametrize("group", sorted(GROUPS))
def test_anonymous_request_gets_no_private_data(group, agency_a):
    from ..factories import DecreeFactory, PersonFactory

    PersonFactory(agency=agency_a, name="Rahasia Pegawai")
    DecreeFactory(agency=agency_a, title="Rahasia Keputusan", classification="closed")
    problems = [p for route in GROUPS[group] for method in ("get", "post") if (p := probe(route, method))]
    assert problems == []


def test_the_probe_reports_a_page_open_to_anonymous_users(agency_a, monkeypatch):
    """The check above fails when a private page answers an anonymous user (here: /health/ taken
    off the public list stands in for a page whose login requirement was forgotten)."""
    monkeypatch.delitem(PUBLIC, "health/")
    assert probe("/health/", "get") == "GET /health/: answers 200"


def test_admin_site_is_closed_to_everyone_but_superusers(client, editor_a):
    client.force_login(editor_a)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
