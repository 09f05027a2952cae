from django.core.files.uploadedfile import SimpleUploadedFile

from spbe.org.choices import Role
from spbe.org.models import Person, RoleAssignment

from ..factories import DecreeFactory, PersonFactory, user_with_role, valid_nip


def test_agency_admin_grants_and_ends_roles_from_the_agency_page(client_a, agency_a, agency_b):
    person = PersonFactory(agency=agency_a, name="Rina Walidata")
    response = client_a.post(
        f"/org/agencies/{agency_a.pk}/roles/", {"person": person.pk, "role": "data_steward"}
    )
    # The new account's one-time password is on this response, and only here: no cookie, no
    # session, not on the next page.
    assert response.status_code == 200
    page = response.content.decode()
    person.refresh_from_db()
    assert person.user is not None  # an account was created for the person
    assignment = RoleAssignment.objects.get(user=person.user)
    assert (assignment.role, assignment.agency) == (Role.DATA_STEWARD, agency_a)
    password = page.split('data-testid="one-time-password">')[1].split("<")[0]
    assert len(password) == 14 and person.user.check_password(password)
    assert response["Cache-Control"] == "no-store"
    assert all(password not in morsel.value for morsel in response.cookies.values())
    assert password not in str(dict(client_a.session))
    later = client_a.get(f"/org/agencies/{agency_a.pk}/roles/").content.decode()
    assert password not in later and "Walidata" in later
    client_a.post(f"/org/agencies/{agency_a.pk}/roles/", {"action": "end", "assignment": assignment.pk})
    assignment.refresh_from_db()
    assert assignment.valid_until is not None
    # Government-wide roles cannot be granted from here, nor roles in another agency.
    response = client_a.post(
        f"/org/agencies/{agency_a.pk}/roles/", {"person": person.pk, "role": "platform_admin"}
    )
    assert (
        response.status_code == 400
        and "bukan salah satu dari pilihan yang tersedia" in response.content.decode()
    )
    assert client_a.get(f"/org/agencies/{agency_b.pk}/roles/").status_code == 403


def test_closed_decree_of_another_agency_leaks_nowhere(client_a, agency_b):
    decree = DecreeFactory(
        agency=agency_b,
        classification="closed",
        title="Hak Akses Rahasia",
        document=SimpleUploadedFile("sk.pdf", b"%PDF-1.4 rahasia"),
    )
    assert client_a.get(f"/org/decrees/{decree.pk}/").status_code == 404
    assert client_a.get(f"/org/decrees/{decree.pk}/document/").status_code == 404
    assert client_a.get(f"/org/decrees/{decree.pk}/history/").status_code == 404
    assert "Hak Akses Rahasia" not in client_a.get("/org/decrees/").content.decode()
    assert "Hak Akses Rahasia" not in client_a.get("/search/?q=rahasia").content.decode()


def test_search_finds_across_models_within_scope(client_a, agency_a):
    PersonFactory(agency=agency_a, name="Hasnah Pettalolo")
    DecreeFactory(agency=agency_a, title="Penetapan Pettalolo")
    page = client_a.get("/search/?q=pettalolo").content.decode()
    assert "Hasnah Pettalolo" in page and "Penetapan Pettalolo" in page
    assert "paling sedikit 2 huruf" in client_a.get("/search/?q=p").content.decode()


def test_attachment_upload_records_sha256_and_follows_parent_scope(client, editor_a, outsider_b, agency_a):
    import hashlib

    decree = DecreeFactory(agency=agency_a, classification="closed")
    client.force_login(editor_a)
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(decree)
    data = b"%PDF-1.4 lampiran"
    client.post(f"/attachments/add/{ct.pk}/{decree.pk}/", {"file": SimpleUploadedFile("bukti.pdf", data)})
    page = client.get(f"/org/decrees/{decree.pk}/").content.decode()
    assert hashlib.sha256(data).hexdigest() in page
    from spbe.core.models import Attachment

    attachment = Attachment.objects.get()
    assert b"".join(client.get(attachment.get_absolute_url()).streaming_content) == data
    refused = client.post(
        f"/attachments/add/{ct.pk}/{decree.pk}/", {"file": SimpleUploadedFile("x.exe", b"MZ")}
    )
    assert refused.status_code == 302 and Attachment.objects.count() == 1
    client.force_login(outsider_b)
    assert client.get(attachment.get_absolute_url()).status_code == 404


def test_history_tab_shows_field_diffs_with_who_and_entry_point(client_a, agency_a):
    person = PersonFactory(agency=agency_a, position="Analis")
    data = {
        "agency": agency_a.pk,
        "name": person.name,
        "employment": "pns",
        "nip": person.nip,
        "gender": "L",
        "position": "Kepala Seksi",
        "version": 1,
    }
    assert client_a.post(f"/org/people/{person.pk}/edit/", data).status_code == 302
    page = client_a.get(f"/org/people/{person.pk}/history/").content.decode()
    assert "Jabatan" in page and "Analis" in page and "Kepala Seksi" in page
    assert "editor.a" in page and "Halaman web" in page


def test_create_through_the_page_and_refuse_invalid_nip(client_a, agency_a):
    bad = client_a.post(
        "/org/people/add/",
        {"agency": agency_a.pk, "name": "Salah", "employment": "pns", "nip": "198502302010011002"},
    )
    assert bad.status_code == 400 and "bukan tanggal yang ada" in bad.content.decode()
    good = client_a.post(
        "/org/people/add/", {"agency": agency_a.pk, "name": "Benar", "employment": "pns", "nip": valid_nip()}
    )
    assert good.status_code == 302
    assert Person.objects.get(name="Benar").created_by.username == "editor.a"


def test_agency_structure_cannot_loop(client, agency_a, gov):
    from ..factories import AgencyFactory

    child = AgencyFactory(government=gov, parent=agency_a, short_name="CH")
    admin = user_with_role(Role.PLATFORM_ADMIN)
    client.force_login(admin)
    response = client.post(
        f"/org/agencies/{agency_a.pk}/edit/",
        {
            "government": gov.pk,
            "name": agency_a.name,
            "short_name": "DA",
            "kind": "dinas",
            "parent": child.pk,
            "version": agency_a.version,
        },
    )
    assert response.status_code == 400 and "melingkar" in response.content.decode()


# Records of the planning and applications demos, counted when their data moved from code to
# data files (planning/data/demo.yaml, applications/data/demo.yaml): the demo stays the same.
DEMO_COUNTS = {
    "applications.application": 49,
    "applications.applicationdocument": 117,
    "applications.applicationrelease": 19,
    "applications.applicationintegration": 16,
    "planning.architectureitem": 17,
    "planning.roadmapitem": 18,
    "planning.budgetline": 14,
    "planning.businessprocess": 7,
    "planning.service": 24,
    "planning.agencyneed": 6,
    "planning.review": 7,
}


def assert_demo_is_its_data_files():
    from django.apps import apps

    from spbe.applications.demo import load_data as application_data
    from spbe.planning.demo import load_data as planning_data

    counts = {label: apps.get_model(label).objects.count() for label in DEMO_COUNTS}
    assert counts == DEMO_COUNTS
    applications, planning = application_data(), planning_data()
    assert counts["applications.application"] == len(applications["applications"])
    assert counts["applications.applicationintegration"] == len(applications["integrations"])
    assert counts["applications.applicationrelease"] == sum(
        1 for a in applications["applications"] if a.get("release")
    )
    for label, key in (
        ("planning.roadmapitem", "roadmap_items"),
        ("planning.budgetline", "budget_lines"),
        ("planning.businessprocess", "business_processes"),
        ("planning.service", "services"),
        ("planning.agencyneed", "needs"),
    ):
        assert counts[label] == len(planning[key]), label
