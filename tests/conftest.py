import os

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import translation

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


@pytest.fixture(autouse=True)
def _default_language():
    # A test-client request in English (the language switch, Accept-Language) leaves English active
    # in the worker's thread; without this, the next test on that worker would see English text.
    translation.deactivate()
    yield
    translation.deactivate()


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


SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so"


@pytest.fixture(scope="session")
def softhsm_token(tmp_path_factory):
    """A SoftHSM2 token made for this test process, holding a key and its certificate generated here:
    the PKCS#11 device the HSM signing tests sign with. SoftHSM reads SOFTHSM2_CONF once per process,
    hence one token per process."""
    import shutil
    import subprocess
    from types import SimpleNamespace

    util = shutil.which("softhsm2-util")
    if not (os.path.exists(SOFTHSM_MODULE) and util):
        message = f"SoftHSM2 ({SOFTHSM_MODULE}, softhsm2-util) is missing: `make test` installs it (apt-get install softhsm2)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("softhsm")
    (folder / "tokens").mkdir()
    conf = folder / "softhsm2.conf"
    conf.write_text(
        f"directories.tokendir = {folder / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(conf)
    pin, label, key_label = "pin-uji-493817", "spbe-uji", "penanda-tangan-pemda"
    subprocess.run(
        [util, "--init-token", "--free", "--label", label, "--so-pin", "so-pin-uji-1", "--pin", pin],
        check=True,
        capture_output=True,
    )
    certificate = _import_signing_key(label, pin, key_label)
    pin_file = folder / "pin"
    pin_file.write_text(pin + "\n")
    return SimpleNamespace(
        module=SOFTHSM_MODULE,
        token=label,
        key=key_label,
        pin=pin,
        pin_file=str(pin_file),
        certificate=certificate,
    )


def _import_signing_key(token_label: str, pin: str, key_label: str) -> bytes:
    """An RSA key and a certificate for it, written onto the token with python-pkcs11; the key is
    marked sensitive and not extractable, as a real HSM keeps it. Returns the certificate (DER)."""
    import datetime

    import pkcs11
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pkcs11 import Attribute
    from pkcs11.util.rsa import decode_rsa_private_key
    from pkcs11.util.x509 import decode_x509_certificate

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Pemerintah Kabupaten Uji HSM"),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .sign(key, hashes.SHA256())
    )
    der = cert.public_bytes(serialization.Encoding.DER)
    identity = {Attribute.LABEL: key_label, Attribute.ID: b"\x01", Attribute.TOKEN: True}
    token = pkcs11.lib(SOFTHSM_MODULE).get_token(token_label=token_label)
    with token.open(rw=True, user_pin=pin) as session:
        private = decode_rsa_private_key(
            key.private_bytes(
                serialization.Encoding.DER,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )
        private.update(
            {
                **identity,
                Attribute.PRIVATE: True,
                Attribute.SENSITIVE: True,
                Attribute.EXTRACTABLE: False,
                Attribute.SIGN: True,
            }
        )
        session.create_object(private)
        session.create_object({**decode_x509_certificate(der), **identity})
    return der


@pytest.fixture
def hsm(softhsm_token, settings):
    """The platform configured to sign with the SoftHSM token (PIN from a file, as recommended)."""
    from spbe.core import signing

    signing.reset_hsm()
    settings.SPBE_SIGNING_PKCS11_MODULE = softhsm_token.module
    settings.SPBE_SIGNING_PKCS11_TOKEN = softhsm_token.token
    settings.SPBE_SIGNING_PKCS11_KEY = softhsm_token.key
    settings.SPBE_SIGNING_PKCS11_PIN_FILE = softhsm_token.pin_file
    yield softhsm_token
    signing.reset_hsm()
