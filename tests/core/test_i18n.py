"""Bahasa Indonesia first, English when the user chooses it with the language switch.

The browser's Accept-Language never decides (spbe.core.middleware.LanguageMiddleware); only the
django_language cookie that set_language writes does. The English catalogue must be complete.
"""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

import spbe

PO_FILE = Path(spbe.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


@pytest.fixture(autouse=True)
def _back_to_indonesian():
    # The middleware activates a language on the request's thread; do not leak English into later tests.
    yield
    translation.deactivate()


def _choose_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/org/people/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_indonesian_by_default_even_when_the_browser_asks_for_english(client_a):
    response = client_a.get("/org/people/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in page
    assert "Pegawai" in page and "Tambah Pegawai" in page
    assert ">Staff<" not in page
    assert response["Content-Language"] == "id"


def test_the_language_switch_shows_english(client_a):
    _choose_english(client_a)
    response = client_a.get("/org/people/", HTTP_ACCEPT_LANGUAGE="id")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in page
    assert '<h1 class="page-title">Staff</h1>' in page
    assert "Add Staff" in page and "Sign out" in page
    assert "Tambah Pegawai" not in page
    assert response["Content-Language"] == "en"
    # Choosing Indonesian again switches back.
    client_a.post("/i18n/setlang/", {"language": "id", "next": "/org/people/"})
    page = client_a.get("/org/people/").content.decode()
    assert '<html lang="id">' in page and "Tambah Pegawai" in page


def test_validation_messages_follow_the_chosen_language(client_a, agency_a):
    bad = {"agency": agency_a.pk, "name": "Salah", "employment": "pns", "nip": "198502302010011002"}
    response = client_a.post("/org/people/add/", bad)
    assert response.status_code == 400
    assert "bukan tanggal yang ada" in response.content.decode()

    _choose_english(client_a)
    response = client_a.post("/org/people/add/", bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "The date of birth in the NIP (digits 1-8: 19850230) is not a real date." in page
    assert "bukan tanggal yang ada" not in page
    response = client_a.post("/org/people/add/", {**bad, "nip": "12345"})
    assert "The NIP must have 18 digits; 5 digits were entered." in response.content.decode()


def _po_entries(text: str) -> list[dict]:
    """A tiny .po reader: one dict per entry with its flags and its msgid/msgid_plural/msgstr[n] strings."""
    entries, entry, key = [], None, None
    for line in [*text.splitlines(), ""]:
        line = line.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if entry is None:
            entry = {"flags": set(), "obsolete": False}
        if line.startswith("#~"):
            entry["obsolete"] = True
        elif line.startswith("#,"):
            entry["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        else:
            key, _, rest = line.partition(" ")
            entry[key] = ast.literal_eval(rest)
    return [e for e in entries if not e["obsolete"]]


def _pairs(entry: dict) -> list[tuple[str, str]]:
    """(source, translation) pairs: msgstr[0] renders msgid, the other plural forms msgid_plural."""
    if "msgid_plural" not in entry:
        return [(entry["msgid"], entry.get("msgstr", ""))]
    forms = sorted(k for k in entry if k.startswith("msgstr["))
    return [(entry["msgid"] if k == "msgstr[0]" else entry["msgid_plural"], entry[k]) for k in forms]


def test_the_english_catalogue_is_complete_and_compiled():
    entries = _po_entries(PO_FILE.read_text(encoding="utf-8"))
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"]
    assert "Language: en\n" in header["msgstr"]
    assert len(messages) > 500
    problems = []
    for e in messages:
        if "fuzzy" in e["flags"]:
            problems.append(("fuzzy", e["msgid"]))
        for source, target in _pairs(e):
            if not target.strip():
                problems.append(("untranslated", source))
            elif sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
                problems.append(("placeholders differ", source))
    assert problems == []
    # The compiled catalogue is committed too (installs need no gettext tools) and matches the .po.
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for e in messages:
        context = e.get("msgctxt")  # e.g. "plural" for models' plural names
        if "msgid_plural" in e:
            if context is None:
                got = [compiled.ngettext(e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            else:
                got = [compiled.npgettext(context, e["msgid"], e["msgid_plural"], n) for n in (1, 2)]
            want = [e["msgstr[0]"], e["msgstr[1]"]]
        elif context is None:
            got, want = compiled.gettext(e["msgid"]), e["msgstr"]
        else:
            got, want = compiled.pgettext(context, e["msgid"]), e["msgstr"]
        if got != want:
            stale.append(e["msgid"])
    assert stale == [], "django.mo is out of date: run 'make messages'"


# Field names that are Indonesian words too, so a label equal to the name is Indonesian already.
SAME_IN_BOTH = {"email", "logo", "status", "level", "domain", "area", "target"}


def test_every_field_a_page_shows_has_an_indonesian_label():
    """A field without `verbose_name` is labelled with its English name ("Government") on an
    Indonesian page: every field of every registered model's detail page must be named."""
    from spbe.core.ui import all_uis

    unnamed = []
    for ui in all_uis():
        model = ui.model
        for name in ui.detail_fields or [f.name for f in model._meta.concrete_fields]:
            field = next((f for f in model._meta.get_fields() if f.name == name), None)
            if field is None or not hasattr(field, "verbose_name"):
                continue
            if str(field.verbose_name) == name.replace("_", " ") and name not in SAME_IN_BOTH:
                unnamed.append(f"{model._meta.label_lower}.{name}")
    assert not unnamed, unnamed
