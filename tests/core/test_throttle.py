"""Issue 7 §4: one known good login does not reset an address's failures; proxy warning at start."""

import logging

from rest_framework.test import APIClient

from spbe.core import throttle
from spbe.org.choices import Role

from ..conftest import PASSWORD
from ..factories import user_with_role


def test_interleaving_a_good_login_does_not_reset_the_address_counter(client, editor_a, agency_a):
    user_with_role(Role.AGENCY_ADMIN, agency_a, "korban")
    for attempt in range(4):
        # Password spraying: each guess at another account, so no account's own counter fills up.
        client.post("/login/", {"username": f"pegawai{attempt}", "password": "Rahasia123"})
        # The attacker's own account logs in fine in between...
        good = client.post("/login/", {"username": "editor.a", "password": PASSWORD})
        assert good.status_code == 302, attempt
        client.logout()
    client.post("/login/", {"username": "pegawai5", "password": "Rahasia123"})
    # ...yet the address has used up its five failures: even the right password is refused now.
    response = client.post("/login/", {"username": "korban", "password": PASSWORD})
    assert response.status_code == 200
    assert "Terlalu banyak percobaan" in response.content.decode()


def test_token_endpoint_keeps_counting_the_address_across_good_logins(editor_a, agency_a, settings):
    settings.SPBE_LOGIN_MAX_FAILURES = 3  # stays under the endpoint's 10 requests a minute
    user_with_role(Role.AGENCY_ADMIN, agency_a, "korban")
    api = APIClient()
    for attempt in range(2):
        bad = api.post("/api/v1/auth/token/", {"username": f"pegawai{attempt}", "password": "x"})
        assert bad.status_code == 400
        assert (
            api.post("/api/v1/auth/token/", {"username": "editor.a", "password": PASSWORD}).status_code == 200
        )
    assert api.post("/api/v1/auth/token/", {"username": "pegawai3", "password": "x"}).status_code == 400
    assert api.post("/api/v1/auth/token/", {"username": "korban", "password": PASSWORD}).status_code == 429


def test_a_good_login_still_clears_the_accounts_own_counter(client, editor_a):
    client.defaults["REMOTE_ADDR"] = "10.0.0.1"
    for attempt in range(4):
        client.post("/login/", {"username": "editor.a", "password": f"salah-{attempt}"})
    assert client.post("/login/", {"username": "editor.a", "password": PASSWORD}).status_code == 302
    client.logout()
    client.defaults["REMOTE_ADDR"] = "10.0.0.2"  # the owner, now from another address
    client.post("/login/", {"username": "editor.a", "password": "salah-lagi"})
    assert client.post("/login/", {"username": "editor.a", "password": PASSWORD}).status_code == 302


def test_warns_at_start_behind_a_proxy_without_a_client_ip_header(settings, caplog):
    settings.DEBUG, settings.SPBE_BEHIND_PROXY, settings.SPBE_CLIENT_IP_HEADER = False, True, ""
    with caplog.at_level(logging.WARNING, logger="spbe.security"):
        throttle.warn_if_misconfigured()
    assert "SPBE_CLIENT_IP_HEADER" in caplog.text
    caplog.clear()
    settings.SPBE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    with caplog.at_level(logging.WARNING, logger="spbe.security"):
        throttle.warn_if_misconfigured()
    assert caplog.text == ""
