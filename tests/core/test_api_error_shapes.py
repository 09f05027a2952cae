"""The API answers in its one error shape everywhere: an address no route matches, and errors of a
list's items, read as {"detail", "code", "errors": {field: [text, ...]}} (docs/openapi.yaml)."""

from rest_framework.test import APIClient


def test_an_unmatched_api_address_answers_json(settings, ict_admin):
    settings.DEBUG = False
    client = APIClient()
    client.force_authenticate(ict_admin)
    for address in ("/api/v1/org/people/1.5e-20/", "/infrastructure/api/prefixes/x/next-free/"):
        response = client.get(address)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", address
        assert response.json() == {"detail": "Tidak ditemukan.", "code": "not_found", "errors": {}}
    assert "text/html" in client.get("/org/people/x/").get("Content-Type")  # pages keep their page


def test_errors_of_list_items_are_flat_texts_naming_the_item(ict_admin):
    client = APIClient()
    client.force_authenticate(ict_admin)
    response = client.post(
        "/api/v1/infrastructure/access-policies/", {"blocked_categories": ["judi", {}]}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert all(isinstance(m, str) for messages in errors.values() for m in messages)
    assert any(m.startswith("butir 2: ") for m in errors["blocked_categories"]), errors


def test_the_api_root_links_every_registered_list_and_each_answers(ict_admin):
    """Every viewset sits under its module's prefix: the root names each, and each list and an
    address one level below it (a record's) route to that viewset."""
    from spbe.core.registry import registry

    client = APIClient()
    client.force_authenticate(ict_admin)
    root = client.get("/api/v1/")
    assert root.status_code == 200
    links = root.json()
    assert sorted(links) == sorted(prefix for prefix, _viewset, _name in registry.api_routes)
    for prefix, link in links.items():
        assert link.endswith(f"/api/v1/{prefix}/"), link
        assert client.get(f"/api/v1/{prefix}/").status_code == 200, prefix
        missing = client.get(f"/api/v1/{prefix}/999999999/")
        assert missing.status_code == 404 and missing.json()["code"] == "not_found", prefix
