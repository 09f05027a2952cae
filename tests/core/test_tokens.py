"""Issue 7 §4: API tokens expire, die with a password change, and users list and revoke their own."""

import datetime

from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ..conftest import PASSWORD


def _token(username="editor.a", password=PASSWORD):
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": password})
    assert response.status_code == 200, response.content
    return response.json()


def _api(key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def test_a_token_expires_after_the_configured_days(editor_a, settings):
    settings.SPBE_API_TOKEN_DAYS = 7
    issued = _token()
    assert _api(issued["token"]).get("/api/v1/org/people/").status_code == 200
    # Eight days pass (the token's creation moved back through the ORM, as any write goes).
    token = Token.objects.get(key=issued["token"])
    token.created = timezone.now() - datetime.timedelta(days=8)
    token.save()
    refused = _api(issued["token"]).get("/api/v1/org/people/")
    assert refused.status_code == 401
    assert "kedaluwarsa" in refused.json()["detail"]
    renewed = _token()
    assert renewed["token"] != issued["token"]
    assert _api(renewed["token"]).get("/api/v1/org/people/").status_code == 200


def test_a_password_change_revokes_the_users_tokens(editor_a, client):
    issued = _token()
    client.force_login(editor_a)
    response = client.post(
        "/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "Kata-Sandi-Baru-789",
            "new_password2": "Kata-Sandi-Baru-789",
        },
    )
    assert response.status_code == 302
    assert _api(issued["token"]).get("/api/v1/org/people/").status_code == 401


def test_a_last_login_update_does_not_revoke(editor_a, client):
    issued = _token()
    client.login(username="editor.a", password=PASSWORD)  # saves last_login only
    assert _api(issued["token"]).get("/api/v1/org/people/").status_code == 200


def test_a_user_lists_and_revokes_their_own_tokens_through_the_api(editor_a, outsider_b):
    mine, theirs = _token(), _token("editor.b")
    listed = _api(mine["token"]).get("/api/v1/auth/tokens/").json()
    assert [t["prefix"] for t in listed] == [mine["token"][:6]]
    assert mine["token"] not in str(listed)  # the key itself is never shown again
    assert _api(mine["token"]).delete("/api/v1/auth/tokens/").status_code == 204
    assert _api(mine["token"]).get("/api/v1/org/people/").status_code == 401
    assert _api(theirs["token"]).get("/api/v1/org/people/").status_code == 200


def test_the_token_page_lists_and_revokes(editor_a, client):
    issued = _token()
    client.force_login(editor_a)
    page = client.get("/account/tokens/").content.decode()
    assert issued["token"][:6] in page and issued["token"] not in page
    client.post("/account/tokens/")
    assert not Token.objects.filter(user=editor_a).exists()
    assert "Anda tidak memiliki token API." in client.get("/account/tokens/").content.decode()
