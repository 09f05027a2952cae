"""The landscape graph's data, and pages whose query count does not grow with the catalogue."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from spbe.applications.models import ApplicationIntegration

from ..factories import AgencyFactory
from .conftest import ApplicationFactory, add_document, add_release


def test_landscape_data_has_nodes_edges_and_filters(client_a, agency_a, agency_b):
    simpeg = ApplicationFactory(agency=agency_a, name="SIMPEG")
    kinerja = ApplicationFactory(agency=agency_a, name="e-Kinerja", source_model="closed", licence="L")
    sso = ApplicationFactory(agency=agency_b, name="SSO Pemda")
    ApplicationFactory(agency=agency_b, name="Terpisah")
    ApplicationIntegration.objects.create(
        source=kinerja, target=simpeg, method="api", description="Data jabatan"
    )
    ApplicationIntegration.objects.create(source=simpeg, target=sso, method="sso")

    data = client_a.get("/applications/landscape.json").json()
    names = {n["name"]: n for n in data["nodes"]}
    assert set(names) == {"SIMPEG", "e-Kinerja", "SSO Pemda", "Terpisah"}
    assert names["e-Kinerja"]["source"] == "closed" and names["SIMPEG"]["agency"] == "DA"
    assert names["SIMPEG"]["url"] == simpeg.get_absolute_url()
    assert {(e["source"], e["target"], e["method"]) for e in data["edges"]} == {
        (kinerja.pk, simpeg.pk, "api"),
        (simpeg.pk, sso.pk, "sso"),
    }

    # Filtered to agency A: B's SSO stays as the (marked) far end of an integration.
    data = client_a.get(f"/applications/landscape.json?agency={agency_a.pk}").json()
    context = {n["name"]: n["context"] for n in data["nodes"]}
    assert context == {"SIMPEG": False, "e-Kinerja": False, "SSO Pemda": True}
    assert len(data["edges"]) == 2
    data = client_a.get("/applications/landscape.json?source_model=closed").json()
    assert [n["name"] for n in data["nodes"] if not n["context"]] == ["e-Kinerja"]

    page = client_a.get(f"/applications/landscape/?agency={agency_a.pk}")
    body = page.content.decode()
    assert page.status_code == 200
    assert '<script id="landscape-data" type="application/json">' in body
    assert "/static/applications/landscape.js" in body and "<script>" not in body  # no inline script (CSP)
    assert "2 aplikasi dari 1 perangkat daerah, 2 integrasi." in body
    assert "Data jabatan" in body  # the integrations table under the graph


def test_landscape_keeps_closed_applications_in_their_agency(client, agency_a, agency_b, outsider_b):
    secret = ApplicationFactory(agency=agency_a, name="Intel Rahasia", classification="closed")
    mine = ApplicationFactory(agency=agency_b, name="Milik B")
    ApplicationIntegration.objects.create(source=mine, target=secret, method="api")
    client.force_login(outsider_b)
    data = client.get("/applications/landscape.json").json()
    assert [n["name"] for n in data["nodes"]] == ["Milik B"] and data["edges"] == []
    assert "Intel Rahasia" not in client.get("/applications/landscape/").content.decode()


def _count(client, url):
    client.get(url)  # warm what each process keeps between requests (core/versions.py): a change of
    # agencies or roles rightly makes the next request read them again
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(ctx)


def _grow(gov, agencies, n):
    previous = None
    for i in range(n):
        agency = agencies[i % len(agencies)]
        app = ApplicationFactory(agency=agency, source_model="closed" if i % 3 == 0 else "open", licence="L")
        add_document(app, "requirements")
        add_release(app, f"1.{i}")
        if previous is not None:
            ApplicationIntegration.objects.create(source=app, target=previous, method="api")
        previous = app


def test_query_counts_do_not_grow_with_the_catalogue(client_a, gov, agency_a, agency_b):
    # The model lists and their API are covered for every registered model by tests/core/test_model_ui.py.
    urls = [
        "/applications/landscape/",
        f"/applications/landscape/?agency={agency_a.pk}",
        "/applications/landscape.json",
    ]
    _grow(gov, [agency_a, agency_b], 3)
    small = {url: _count(client_a, url) for url in urls}
    more = [AgencyFactory(government=gov) for _ in range(4)]
    _grow(gov, [agency_a, agency_b, *more], 30)
    large = {url: _count(client_a, url) for url in urls}
    assert small == large


def test_a_large_landscape_draws_a_readable_part_and_says_so(client_a, agency_a, monkeypatch):
    from spbe.applications import selectors

    for i in range(5):
        ApplicationFactory(agency=agency_a, name=f"Aplikasi {i}")
    monkeypatch.setattr(selectors, "LANDSCAPE_MAX_NODES", 3)
    page = client_a.get("/applications/landscape/").content.decode()
    assert "Menampilkan 3 dari 5 aplikasi" in page
    data = client_a.get("/applications/landscape.json").json()
    assert (data["total"], data["truncated"], len(data["nodes"])) == (5, True, 3)
    assert [n["name"] for n in data["nodes"]] == ["Aplikasi 0", "Aplikasi 1", "Aplikasi 2"]
