"""The HSM (PKCS#11) signing settings: `spbe check` says in words what is missing or cannot be opened;
a partial configuration refuses to sign instead of falling back to another key; without them nothing
changes."""

import pytest

from spbe.core import checks_system, signing


def _messages(errors) -> str:
    return " ".join(f"{error.id} {error.msg}" for error in errors)


def test_without_pkcs11_settings_nothing_changes(db):
    assert signing.hsm_config() is None and checks_system.signing_hsm_is_usable(None) == []
    assert signing.credential().source == "development" and not signing.configured_by_deployment()


def test_incomplete_settings_are_named_and_refuse_to_sign(settings, db):
    settings.SPBE_SIGNING_PKCS11_MODULE = "/tidak/ada/libpkcs11.so"
    settings.SPBE_SIGNING_PKCS11_KEY = "penanda-tangan"
    text = _messages(checks_system.signing_hsm_is_usable(None))
    assert "spbe.E010" in text and "SPBE_SIGNING_PKCS11_TOKEN belum diisi" in text
    assert "PIN token belum diberikan" in text and "/tidak/ada/libpkcs11.so tidak ada" in text
    with pytest.raises(signing.SigningUnavailable):
        signing.sign_bytes(b"tidak ditandatangani kunci lain")


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        ("SPBE_SIGNING_PKCS11_TOKEN", "token-lain", "Token berlabel token-lain tidak ditemukan"),
        ("SPBE_SIGNING_PKCS11_KEY", "kunci-lain", "berlabel kunci-lain tidak ada di token"),
        ("SPBE_SIGNING_PKCS11_PIN_FILE", "/tidak/ada/pin", "Berkas PIN /tidak/ada/pin tidak dapat dibaca"),
    ],
)
def test_a_token_key_or_pin_that_cannot_be_opened_is_an_error(hsm, settings, db, setting, value, words):
    assert checks_system.signing_hsm_is_usable(None) == []
    setattr(settings, setting, value)
    signing.reset_hsm()
    text = _messages(checks_system.signing_hsm_is_usable(None))
    assert "spbe.E011" in text and words in text
    assert hsm.pin not in text


def test_a_wrong_pin_is_an_error_that_does_not_repeat_it(hsm, settings, db, tmp_path):
    wrong = tmp_path / "pin"
    wrong.write_text("999111")
    settings.SPBE_SIGNING_PKCS11_PIN_FILE = str(wrong)
    text = _messages(checks_system.signing_hsm_is_usable(None))
    assert "PIN token salah" in text and "999111" not in text
