"""The signed-in account is kept in the process between requests (core/accounts.py): no query of
its own while it is unchanged, and every change to it takes effect on the very next request."""

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from spbe.core import tokens
from spbe.core.backends import Backend

from ..factories import PersonFactory


def _api(user):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {tokens.issue(user).key}")
    return api


def _tables_read(do) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = do()
    assert response.status_code == 200, response.content
    return " ".join(query["sql"] for query in queries.captured_queries)


def test_an_api_request_reads_neither_the_token_nor_the_account_once_they_are_known(editor_a):
    api = _api(editor_a)
    first = _tables_read(lambda: api.get("/api/v1/org/people/"))
    again = _tables_read(lambda: api.get("/api/v1/org/people/"))
    assert "authtoken_token" in first
    assert "authtoken_token" not in again
    assert '"auth_user"' not in again.split("FROM", 1)[-1].split("WHERE", 1)[0]


def test_a_page_request_reads_its_account_once(client_a):
    client_a.get("/org/people/")
    again = _tables_read(lambda: client_a.get("/org/people/"))
    assert 'FROM "auth_user"' not in again


def test_a_revoked_token_is_refused_on_the_next_request(editor_a):
    api = _api(editor_a)
    assert api.get("/api/v1/org/people/").status_code == 200
    tokens.revoke(editor_a)
    refused = api.get("/api/v1/org/people/")
    assert refused.status_code == 401
    assert refused.json()["detail"] == "Token API tidak dikenal."


def test_a_deactivated_account_is_refused_at_once_by_token_and_by_session(editor_a, client):
    api = _api(editor_a)
    client.force_login(editor_a)
    assert api.get("/api/v1/org/people/").status_code == 200
    assert client.get("/org/people/").status_code == 200
    editor_a.is_active = False
    editor_a.save()
    assert api.get("/api/v1/org/people/").status_code == 401
    assert client.get("/org/people/").status_code == 302  # back to the login page


def test_the_header_follows_a_change_of_the_person_behind_the_account(editor_a, agency_a, client):
    person = PersonFactory(agency=agency_a, name="Rahmat Lamadjido", user=editor_a)
    client.force_login(editor_a)
    assert "Rahmat Lamadjido" in client.get("/").content.decode()
    person.name = "Rahmat Tombolotutu"
    person.save()
    assert "Rahmat Tombolotutu" in client.get("/").content.decode()
    agency_a.short_name = "DA-BARU"
    agency_a.save()
    assert "DA-BARU" in client.get("/org/people/").content.decode()
    person.user = None  # the account no longer belongs to this person
    person.save()
    assert "Rahmat Tombolotutu" not in client.get("/").content.decode()


def test_each_request_gets_its_own_copy_of_the_account(editor_a):
    backend = Backend()
    first, second = backend.get_user(editor_a.pk), backend.get_user(editor_a.pk)
    assert first == second and first is not second
    first.first_name = "diubah dalam satu permintaan"
    assert backend.get_user(editor_a.pk).first_name != first.first_name
    assert backend.get_user(get_user_model().objects.order_by("-pk").first().pk + 1) is None
