"""A government's regulation profile (issue 8 §3, issue 9 §1): chosen from the profiles in the
database, never lost by saving another field, unknown ones refused by the API, and loaded by the
ICT office admin for their own government."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from spbe.compliance import profiles
from spbe.compliance.models import Regulation
from spbe.org.choices import Role

from ..compliance.conftest import TINY
from ..factories import user_with_role

RUNTIME = TINY.replace("id: uji-1-2026", "id: uji-9-2026").replace('number: "1"', 'number: "9"')


def _browser_post_data(page: str, **changes) -> dict:
    """What a browser submits for the government form: each field's shown value; a select sends
    its selected option, or its first one when none is selected."""
    data = {}
    for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page):
        data[name] = value
    for name, body in re.findall(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', page, re.S):
        options = re.findall(r'<option value="([^"]*)"([^>]*)>', body)
        chosen = [value for value, attrs in options if "selected" in attrs]
        data[name] = chosen[0] if chosen else options[0][0]
    data.pop("csrfmiddlewaretoken", None)
    data.update(changes)
    return data


def test_a_profile_loaded_at_run_time_can_be_chosen_on_the_edit_page(client, gov):
    profiles.load_text(RUNTIME, source="uji9.yaml")
    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    page = client.get(f"/org/governments/{gov.pk}/edit/").content.decode()
    assert 'value="uji-9-2026"' in page
    response = client.post(
        f"/org/governments/{gov.pk}/edit/", _browser_post_data(page, regulation="uji-9-2026")
    )
    assert response.status_code == 302
    gov.refresh_from_db()
    assert gov.regulation == "uji-9-2026"


def test_saving_an_unrelated_field_never_clears_the_regulation(client, gov):
    """Saving the phone number silently cleared the regulation (issue 9 §1)."""
    profiles.load_text(RUNTIME, source="uji9.yaml")
    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    for regulation in ("uji-9-2026", "profil-yang-dihapus-1-2020"):  # loaded, and no longer loaded
        gov.regulation = regulation
        gov.save()
        page = client.get(f"/org/governments/{gov.pk}/edit/").content.decode()
        response = client.post(f"/org/governments/{gov.pk}/edit/", _browser_post_data(page, phone="0451-123"))
        assert response.status_code == 302, response.content.decode()[:500]
        gov.refresh_from_db()
        assert (gov.phone, gov.regulation) == ("0451-123", regulation)


def test_the_api_refuses_an_unknown_profile(gov):
    profiles.load_text(RUNTIME, source="uji9.yaml")
    api = APIClient()
    api.force_authenticate(user_with_role(Role.PLATFORM_ADMIN))
    url = f"/api/v1/org/governments/{gov.pk}/"
    response = api.patch(url, {"regulation": "no-such-profile"}, format="json")
    assert response.status_code == 400
    assert "no-such-profile" in str(response.json()["errors"]["regulation"])
    assert "uji-9-2026" in str(response.json()["errors"]["regulation"])  # the choices are named
    gov.refresh_from_db()
    assert gov.regulation == ""
    assert api.patch(url, {"regulation": "uji-9-2026"}, format="json").status_code == 200
    gov.refresh_from_db()
    assert gov.regulation == "uji-9-2026"


def test_the_ict_office_admin_loads_a_profile_and_an_agency_admin_cannot(client, gov, agency_a):
    upload = SimpleUploadedFile("uji9.yaml", RUNTIME.encode(), content_type="application/x-yaml")
    client.force_login(user_with_role(Role.AGENCY_ADMIN, agency_a))
    assert client.post("/compliance/regulations/", {"file": upload}).status_code == 403
    assert not Regulation.objects.filter(code="uji-9-2026").exists()
    upload.seek(0)
    client.force_login(user_with_role(Role.ICT_ADMIN))
    response = client.post("/compliance/regulations/", {"file": upload})
    assert response.status_code in (200, 302)
    assert Regulation.objects.filter(code="uji-9-2026").exists()


def test_a_city_cannot_follow_a_regency_s_regulation_on_the_edit_page(client, gov):
    """The regulation's kind follows its issuer (issue 9 §4): a Peraturan Bupati is refused for a city,
    with a message naming both kinds, and nothing changes."""
    profiles.load_text(RUNTIME, source="uji9.yaml")
    gov.kind = "kota"
    gov.save()
    client.force_login(user_with_role(Role.PLATFORM_ADMIN))
    page = client.get(f"/org/governments/{gov.pk}/edit/").content.decode()
    response = client.post(
        f"/org/governments/{gov.pk}/edit/", _browser_post_data(page, regulation="uji-9-2026", phone="0451-9")
    )
    assert response.status_code == 400  # the form is shown again with the message
    text = response.content.decode()
    assert "Peraturan Bupati" in text and "Peraturan Wali Kota" in text
    gov.refresh_from_db()
    assert (gov.regulation, gov.phone) != ("uji-9-2026", "0451-9")
