"""Issue 7 §6: no debug page for the world; Indonesian error pages; the demo still serves static files."""

import os
import subprocess
import sys
import textwrap

from django.test import RequestFactory

from spbe.core.views import errors

DEMO_PROBE = textwrap.dedent(
    """
    import django
    django.setup()
    from django.conf import settings
    from django.test import Client
    client = Client(raise_request_exception=False)
    missing = client.get("/tidak-ada-halaman-ini/")
    css = client.get("/static/spbe/spbe.css")
    print(settings.DEBUG, missing.status_code, "URLconf" in missing.content.decode(),
          "Halaman atau data tidak ditemukan." in missing.content.decode(),
          css.status_code, b"".join(css.streaming_content)[:1] != b"")
    """
)


def _probe(tmp_path, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("SPBE_") and k != "DATABASE_URL"}
    environment.update({"DJANGO_SETTINGS_MODULE": "spbe.settings", "SPBE_VAR_DIR": str(tmp_path), **env})
    done = subprocess.run(
        [sys.executable, "-c", DEMO_PROBE], env=environment, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_demo_runs_without_debug_shows_indonesian_404_and_serves_static(tmp_path):
    debug, status, lists_urls, indonesian, css_status, css_body = _probe(tmp_path, SPBE_DEMO="1")
    assert (debug, status, lists_urls, indonesian) == ("False", "404", "False", "True")
    assert (css_status, css_body) == ("200", "True")


def test_demo_shows_the_debug_page_only_when_asked(tmp_path):
    debug, status, lists_urls, _indonesian, _css, _body = _probe(tmp_path, SPBE_DEMO="1", SPBE_DEBUG="1")
    assert (debug, status, lists_urls) == ("True", "404", "True")


def test_404_and_403_pages_are_indonesian(client, editor_a, agency_b):
    from ..factories import DecreeFactory

    client.force_login(editor_a)
    missing = client.get("/org/decrees/999999999/")
    assert missing.status_code == 404
    assert "Halaman atau data tidak ditemukan." in missing.content.decode()
    closed = DecreeFactory(agency=agency_b, classification="limited")
    refused = client.get(f"/org/decrees/{closed.pk}/edit/")
    assert refused.status_code in (403, 404)
    assert "Anda tidak berwenang" in refused.content.decode() or "tidak ditemukan" in refused.content.decode()


def test_500_page_is_indonesian_and_needs_no_database_or_context():
    response = errors.server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server." in response.content.decode()


def test_a_crashing_page_answers_with_the_500_page(client, settings):
    settings.ROOT_URLCONF = "tests.core.crash_urls"
    client.raise_request_exception = False
    response = client.get("/crash/")
    assert response.status_code == 500
    assert "Terjadi kesalahan pada server." in response.content.decode()
