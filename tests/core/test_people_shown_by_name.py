"""People appear by name and position on generic pages (history, tables, detail rows); the login
name only when no person record is linked."""

import pytest

from spbe.core import context
from spbe.core.choices import EntryPoint

from ..factories import DecreeFactory, PersonFactory, user_with_role


@pytest.fixture
def named_editor(editor_a, agency_a):
    PersonFactory(agency=agency_a, user=editor_a, name="Yusuf Lamato", position="Analis Kebijakan")
    return editor_a


def test_history_names_the_actor_by_name_and_position(client_a, named_editor, agency_a):
    with context.acting(entry_point=EntryPoint.WEB, user=named_editor):
        decree = DecreeFactory(agency=agency_a)
        decree.title = "Keputusan uji yang diubah"
        decree.save()
    page = client_a.get(f"/org/decrees/{decree.pk}/history/").content.decode()
    assert page.count("Yusuf Lamato · Analis Kebijakan, DA") == 2
    assert "editor.a" not in page


def test_history_falls_back_to_the_login_name_without_a_person(client_a, editor_a, agency_a):
    with context.acting(entry_point=EntryPoint.WEB, user=editor_a):
        decree = DecreeFactory(agency=agency_a)
    assert "oleh editor.a" in " ".join(
        client_a.get(f"/org/decrees/{decree.pk}/history/").content.decode().split()
    )


def test_role_table_shows_the_person_and_its_export_the_account(client, gov, named_editor, agency_a):
    import io

    import openpyxl

    client.force_login(user_with_role("platform_admin", None, "root"))
    listing = client.get("/org/role-assignments/").content.decode()
    assert "Yusuf Lamato · Analis Kebijakan, DA" in listing and "editor.a" not in listing
    export = client.get("/org/role-assignments/export/?format=xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0]
    cells = [c.value for row in sheet.iter_rows(min_row=2) for c in row]
    assert "editor.a" in cells  # read back by the importer, which finds accounts by login name
