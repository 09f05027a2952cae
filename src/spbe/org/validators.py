"""NIP (Nomor Induk Pegawai): 18 digits = birth date (8) + appointment year-month (6)
+ gender digit (1: male, 2: female) + sequence number (3)."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class NipParts:
    birth_date: datetime.date
    appointment_year: int
    appointment_month: int
    gender: str  # "L" or "P"
    sequence: int


def parse_nip(value: str) -> NipParts:
    nip = (value or "").replace(" ", "")
    if not nip.isdigit():
        raise ValidationError(_("NIP hanya boleh berisi angka."), code="nip_digits")
    if len(nip) != 18:
        raise ValidationError(
            _("NIP harus 18 digit; yang dimasukkan %(count)d digit.") % {"count": len(nip)}, code="nip_length"
        )
    try:
        birth = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            _("Tanggal lahir dalam NIP (digit 1-8: %(value)s) bukan tanggal yang ada.") % {"value": nip[0:8]},
            code="nip_birth_date",
        )
    today = timezone.localdate()
    if birth.year < 1940 or birth > today:
        raise ValidationError(
            _("Tanggal lahir dalam NIP (%(date)s) tidak masuk akal.") % {"date": birth.strftime("%d-%m-%Y")},
            code="nip_birth_date",
        )
    year, month = int(nip[8:12]), int(nip[12:14])
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Bulan pengangkatan dalam NIP (digit 13-14: %(value)s) harus 01 sampai 12.")
            % {"value": nip[12:14]},
            code="nip_appointment_month",
        )
    if year < birth.year + 17 or (year, month) > (today.year, today.month):
        raise ValidationError(
            _(
                "Tahun pengangkatan dalam NIP (%(year)d) tidak sesuai dengan tanggal lahir "
                "atau ada di masa depan."
            )
            % {"year": year},
            code="nip_appointment_year",
        )
    if nip[14] not in "12":
        raise ValidationError(
            _("Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan), bukan %(value)s.")
            % {"value": nip[14]},
            code="nip_gender",
        )
    sequence = int(nip[15:18])
    if sequence == 0:
        raise ValidationError(_("Nomor urut dalam NIP (digit 16-18) tidak boleh 000."), code="nip_sequence")
    return NipParts(birth, year, month, "L" if nip[14] == "1" else "P", sequence)


def validate_nip(value: str) -> None:
    parse_nip(value)
