import pytest
from django.core.cache import caches
from django.core.management import call_command

from spbe.org.choices import Role

from .factories import AgencyFactory, GovernmentFactory, user_with_role

PASSWORD = "kata-sandi-uji-123"


@pytest.fixture(autouse=True)
def _clean_caches(settings, tmp_path):
    # A fast hasher: the real one (PBKDF2) makes every user factory cost most of a second.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.SPBE_AUDIT_ANCHOR_FILE = str(tmp_path / "audit-anchors.jsonl")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"d-{tmp_path}"},
        "progress": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path / "progress"),
        },
    }
    yield
    for alias in ("default", "progress"):
        caches[alias].clear()


@pytest.fixture
def gov(db):
    return GovernmentFactory()


@pytest.fixture
def agency_a(gov):
    return AgencyFactory(government=gov, name="Dinas A", short_name="DA")


@pytest.fixture
def agency_b(gov):
    return AgencyFactory(government=gov, name="Dinas B", short_name="DB")


@pytest.fixture
def editor_a(agency_a):
    """Persona: agency A editor (agency admin)."""
    return user_with_role(Role.AGENCY_ADMIN, agency_a, "editor.a")


@pytest.fixture
def viewer_a(agency_a):
    """Persona: agency A viewer (service desk tier 1: sees, does not edit)."""
    return user_with_role(Role.SERVICE_DESK_TIER1, agency_a, "viewer.a")


@pytest.fixture
def outsider_b(agency_b):
    """Persona: agency B outsider (agency admin of B)."""
    return user_with_role(Role.AGENCY_ADMIN, agency_b, "editor.b")


@pytest.fixture
def ict_admin(gov):
    return user_with_role(Role.ICT_ADMIN, None, "kominfo")


@pytest.fixture
def client_a(client, editor_a):
    client.force_login(editor_a)
    return client


@pytest.fixture
def cache_table(db):
    call_command("createcachetable", verbosity=0)
