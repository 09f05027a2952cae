"""A duplicate is refused with a message of its own in Indonesian (Django's generic text for a
unique pair reads "... tidak ada", which says the opposite)."""

import pytest
from django.core.exceptions import ValidationError

from spbe.infrastructure.models import Asset, BackupPlan

from .conftest import server


def _message(record) -> str:
    with pytest.raises(ValidationError) as error:
        record.full_clean()
    return " ".join(error.value.messages)


def test_duplicates_are_refused_with_their_own_message(satu, dua):
    server(satu, "web01")
    server(dua, "web01")  # another agency may use the same host name
    with pytest.raises(ValidationError) as error:
        server(satu, "web01")
    text = " ".join(error.value.messages)
    assert "PD ini sudah mempunyai server dengan nama host ini." in text and "tidak ada" not in text
    Asset.objects.create(agency=satu, tag="A-1", name="Laptop", category="computer")
    assert "sudah mempunyai aset dengan nomor aset ini" in _message(
        Asset(agency=satu, tag="A-1", name="Laptop lain", category="computer")
    )
    BackupPlan.objects.create(agency=satu, name="Harian", contents="Basis data")
    assert "rencana pencadangan dengan nama ini" in _message(
        BackupPlan(agency=satu, name="Harian", contents="Berkas")
    )
