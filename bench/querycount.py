"""Count the SQL queries of the benchmarked URLs, in process (run by bench/run.py).

Runs with SPBE_VAR_DIR pointing at one benchmark database and prints JSON on stdout:
{"health": {"queries": n, "status": 200, "sql": [[ms, sql], ...]}, "page": {...}, "api": {...}}.
Each URL is requested once before counting so one-off work (content types, the session
row, translation catalogues) does not blur the figure that matters: the per-page cost.
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spbe.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402


def count(client: Client, url: str, **headers) -> dict:
    client.get(url, headers=headers)  # warm-up, not counted
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, headers=headers)
    return {
        "queries": len(captured.captured_queries),
        "status": response.status_code,
        # Kept in latest.json so a failing target can be traced to the statement at fault.
        "sql": [[round(float(q["time"]) * 1000, 2), q["sql"]] for q in captured.captured_queries],
    }


def follow_next(client: Client, url: str, pages: int, **headers) -> str:
    """The URL of page `pages` of an API list, reached through its `next` links."""
    for _ in range(pages - 1):
        url = client.get(url, headers=headers).json()["next"]
    return url


def main(page_url: str, api_url: str, api_page: str, username: str) -> None:
    user = get_user_model().objects.get(username=username)
    page_client = Client()
    page_client.force_login(user)
    token, _ = Token.objects.get_or_create(user=user)
    auth = {"Authorization": f"Token {token.key}"}
    result = {
        "health": count(Client(), "/health/"),  # the baseline should touch no table at all
        "page": count(page_client, page_url),
        "api": count(Client(), follow_next(Client(), api_url, int(api_page), **auth), **auth),
    }
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(*sys.argv[1:5])
