from rest_framework.test import APIClient

from spbe.org.models import Person

from ..factories import DecreeFactory, PersonFactory, valid_nip


def token_client(username, password="kata-sandi-uji-123"):
    api = APIClient()
    response = api.post("/api/v1/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    api.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return api


def test_create_read_update_delete_through_the_api(editor_a, agency_a):
    api = token_client("editor.a")
    created = api.post(
        "/api/v1/org/people/",
        {"agency": agency_a.pk, "name": "Dewi API", "employment": "pns", "nip": valid_nip("2")},
        format="json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["gender"] == "P" and body["agency"] == {"id": agency_a.pk, "display": "Dinas A"}
    listing = api.get("/api/v1/org/people/?q=dewi&ordering=-nip").json()
    assert [row["name"] for row in listing["results"]] == ["Dewi API"] and listing["next"] is None
    person_id = body["id"]
    assert (
        api.patch(f"/api/v1/org/people/{person_id}/", {"position": "Analis"}, format="json").status_code
        == 200
    )
    assert api.delete(f"/api/v1/org/people/{person_id}/").status_code == 204
    assert not Person.objects.filter(pk=person_id).exists()


def test_invalid_input_gets_a_consistent_error_body_and_changes_nothing(editor_a, agency_a):
    api = token_client("editor.a")
    before = Person.objects.count()
    response = api.post(
        "/api/v1/org/people/",
        {"agency": agency_a.pk, "name": "X", "employment": "pns", "nip": "123"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": "Data tidak valid.",
        "code": "invalid",
        "errors": {"nip": ["NIP harus 18 digit; yang dimasukkan 3 digit."]},
    }
    assert Person.objects.count() == before


def test_other_agency_records_are_read_only_and_closed_ones_invisible(editor_a, agency_b):
    api = token_client("editor.a")
    other = PersonFactory(agency=agency_b)
    closed = DecreeFactory(agency=agency_b, classification="closed")
    assert api.get(f"/api/v1/org/people/{other.pk}/").status_code == 200
    assert api.patch(f"/api/v1/org/people/{other.pk}/", {"position": "x"}, format="json").status_code == 403
    assert (
        api.post(
            "/api/v1/org/people/",
            {"agency": agency_b.pk, "name": "Y", "employment": "non_asn"},
            format="json",
        ).status_code
        == 403
    )
    assert api.get(f"/api/v1/org/decrees/{closed.pk}/").status_code == 404
    assert closed.number not in api.get("/api/v1/org/decrees/").content.decode()
    # Nor can a record point at a CLOSED record it cannot see.
    response = api.post("/api/v1/org/agencies/", {}, format="json")
    assert response.status_code in (400, 403)


def test_delete_refused_with_the_dependants_named(editor_a, agency_a):
    from ..factories import AgencyFactory

    api = token_client("editor.a")
    sub = AgencyFactory(government=agency_a.government, parent=agency_a, short_name="SUBX")
    PersonFactory(agency=sub, name="Penghuni Sub")
    response = api.delete(f"/api/v1/org/agencies/{sub.pk}/")
    assert response.status_code == 409
    assert "Penghuni Sub" in response.json()["detail"]


def test_token_endpoint_locks_after_repeated_failures(editor_a):
    api = APIClient()
    for _ in range(5):
        assert (
            api.post("/api/v1/auth/token/", {"username": "editor.a", "password": "salah"}).status_code == 400
        )
    locked = api.post("/api/v1/auth/token/", {"username": "editor.a", "password": "kata-sandi-uji-123"})
    assert locked.status_code == 429


def test_login_page_locks_after_repeated_failures(client, editor_a):
    for _ in range(5):
        client.post("/login/", {"username": "editor.a", "password": "salah"})
    response = client.post("/login/", {"username": "editor.a", "password": "kata-sandi-uji-123"})
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_lockout_counts_per_real_client(client, editor_a, settings):
    settings.SPBE_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    for i in range(6):  # an attacker guessing other usernames from one address
        client.post("/login/", {"username": f"tebak{i}", "password": "x"}, HTTP_X_REAL_IP="203.0.113.9")
    ok = client.post(
        "/login/", {"username": "editor.a", "password": "kata-sandi-uji-123"}, HTTP_X_REAL_IP="198.51.100.4"
    )
    assert ok.status_code == 302  # the real user, from elsewhere, still gets in
