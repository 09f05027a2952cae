import pytest
from django.core.exceptions import ValidationError

from spbe.org.choices import EmploymentKind
from spbe.org.models import Person
from spbe.org.validators import parse_nip


def test_valid_nip_is_parsed_into_its_parts():
    parts = parse_nip("198503142010011002")
    assert parts.birth_date.isoformat() == "1985-03-14"
    assert (parts.appointment_year, parts.appointment_month) == (2010, 1)
    assert parts.gender == "L"
    assert parts.sequence == 2


@pytest.mark.parametrize(
    ("nip", "fragment"),
    [
        ("19850314201001100", "harus 18 digit; yang dimasukkan 17 digit"),
        ("1985031420100110021", "harus 18 digit; yang dimasukkan 19 digit"),
        ("19850314201001A002", "hanya boleh berisi angka"),
        ("198502302010011002", "bukan tanggal yang ada"),  # 30 February
        ("198513012010011002", "bukan tanggal yang ada"),  # month 13
        ("198503142010131002", "Bulan pengangkatan"),  # appointment month 13
        ("198503142010001002", "Bulan pengangkatan"),  # appointment month 00
        ("198503141995011002", "Tahun pengangkatan"),  # appointed aged 9
        ("198503142010013002", "jenis kelamin"),  # gender digit 3
        ("198503142010011000", "tidak boleh 000"),
        ("203001012050011002", "tidak masuk akal"),  # born in the future
    ],
)
def test_invalid_nip_is_refused_with_a_clear_message(nip, fragment):
    with pytest.raises(ValidationError) as error:
        parse_nip(nip)
    assert fragment in " ".join(error.value.messages)


def test_person_needs_nip_when_civil_servant_and_none_otherwise(agency_a):
    civil = Person(agency=agency_a, name="A", employment=EmploymentKind.CIVIL_SERVANT)
    with pytest.raises(ValidationError) as error:
        civil.full_clean()
    assert "NIP wajib diisi" in str(error.value)
    contractor = Person(
        agency=agency_a, name="B", employment=EmploymentKind.NON_CIVIL, nip="198503142010011002"
    )
    with pytest.raises(ValidationError) as error:
        contractor.full_clean()
    assert "Non-ASN tidak memiliki NIP" in str(error.value)


def test_gender_is_taken_from_nip_and_must_agree(agency_a):
    person = Person(agency=agency_a, name="C", nip="198503142010012003")
    person.full_clean()
    assert person.gender == "P"
    person = Person(agency=agency_a, name="D", nip="198503142010012004", gender="L")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "Jenis kelamin tidak sesuai" in str(error.value)
