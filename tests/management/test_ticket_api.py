"""POST /api/v1/management/tickets/ opens a ticket through services.ticket_open with token
authentication: the page's rules and messages, the agency's scope."""

import pytest
from rest_framework.test import APIClient

from spbe.management.models import Ticket

URL = "/api/v1/management/tickets/"


def token_client(user):
    api = APIClient()
    response = api.post(
        "/api/v1/auth/token/", {"username": user.username, "password": "kata-sandi-uji-123"}, format="json"
    )
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api


BODY = {"kind": "incident", "title": "SIMPUS galat 502", "description": "Halaman login galat sejak pagi."}


def test_a_user_opens_a_ticket_through_the_api(requester, agency):
    response = token_client(requester).post(URL, {**BODY, "priority": "p2"}, format="json")
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert response.json()["number"] == ticket.number
    assert (ticket.agency, ticket.requester, ticket.priority, ticket.channel) == (
        agency,
        requester,
        "p2",
        "web",
    )
    assert ticket.resolution_due is not None  # the SLA clock runs from the start
    assert APIClient().post(URL, BODY, format="json").status_code in (401, 403)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"title": "   "}, "title", "tidak boleh kosong"),
        ({"title": "y" * 201}, "title", "200"),
        ({"kind": "gosip"}, "kind", ""),
        ({"priority": "p9"}, "priority", ""),
        ({"service": 999999}, "service", "tidak ada di katalog"),
        ({"requester": 999999}, "requester", "tidak ditemukan"),
    ],
)
def test_bad_input_is_a_clear_400_and_opens_nothing(requester, change, field, message):
    response = token_client(requester).post(URL, {**BODY, **change}, format="json")
    assert response.status_code == 400, response.content
    body = response.json()
    text = body["detail"] + " ".join(" ".join(v) for v in body["errors"].values())
    if field:
        assert field in body["errors"]
    assert message in text
    assert Ticket.objects.count() == 0


def test_scope_of_opening_on_behalf(requester, tier1, other_tier1, tier2):
    on_behalf = {**BODY, "requester": requester.pk}
    response = token_client(other_tier1).post(URL, on_behalf, format="json")
    assert response.status_code == 403 and "atas nama pengguna lain" in response.json()["detail"]
    response = token_client(tier1).post(URL, on_behalf, format="json")
    assert response.status_code == 201, response.content
    assert Ticket.objects.get().channel == "tier1"
    assert token_client(tier2).post(URL, on_behalf, format="json").status_code == 201
    assert (
        token_client(requester).post(URL, {**BODY, "requester": tier1.pk}, format="json").status_code == 403
    )


def test_the_api_stays_read_only_otherwise(requester):
    api = token_client(requester)
    ticket_id = api.post(URL, BODY, format="json").json()["id"]
    assert api.patch(f"{URL}{ticket_id}/", {"title": "Diubah"}, format="json").status_code == 405
    assert api.delete(f"{URL}{ticket_id}/").status_code == 405
