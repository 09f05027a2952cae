"""Two people editing one record: the second save is refused, nothing is overwritten."""

from spbe.org.models import Person

from ..factories import PersonFactory


def _form(person, **changes):
    data = {
        "agency": person.agency_id,
        "name": person.name,
        "employment": person.employment,
        "nip": person.nip,
        "gender": person.gender,
        "position": person.position,
        "version": person.version,
        "front_title": "",
        "back_title": "",
        "email": "",
        "phone": "",
    }
    data.update(changes)
    return data


def test_second_save_on_outdated_version_is_refused_naming_who_changed_what(client, agency_a, editor_a, gov):
    from ..factories import user_with_role

    other = user_with_role("agency_head", agency_a, "kepala.a")
    person = PersonFactory(agency=agency_a, position="Analis")
    loaded_by_editor = _form(person, position="Analis Madya")  # both open the form at version 1
    client.force_login(other)
    assert (
        client.post(f"/org/people/{person.pk}/edit/", _form(person, position="Kepala Seksi")).status_code
        == 302
    )
    client.force_login(editor_a)
    response = client.post(f"/org/people/{person.pk}/edit/", loaded_by_editor)
    assert response.status_code == 409
    page = response.content.decode()
    assert "telah diubah oleh kepala.a" in page and "Jabatan" in page
    assert 'value="Analis Madya"' in page  # the user's own input is kept on the form
    person.refresh_from_db()
    assert (person.position, person.version) == ("Kepala Seksi", 2)


def test_api_update_with_stale_version_gets_409(client, agency_a, editor_a):
    person = PersonFactory(agency=agency_a, position="Analis")
    client.force_login(editor_a)
    url = f"/api/v1/org/people/{person.pk}/"
    ok = client.patch(url, {"position": "Satu", "version": 1}, content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.patch(url, {"position": "Dua", "version": 1}, content_type="application/json")
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Person.objects.get(pk=person.pk).position == "Satu"
