from django.db import models
from django.utils.translation import gettext_lazy as _


class DatasetStage(models.TextChoices):
    """The four stages of Satu Data (Parigi Moutong Pasal 13 ayat (2)), with the steward's
    acceptance between checking and dissemination."""

    PLANNED = "planned", _("Perencanaan")
    COLLECTING = "collecting", _("Pengumpulan")
    CHECKING = "checking", _("Pemeriksaan")
    ACCEPTED = "accepted", _("Diterima walidata")
    PUBLISHED = "published", _("Disebarluaskan")


class UpdateFrequency(models.TextChoices):
    DAILY = "daily", _("Harian")
    MONTHLY = "monthly", _("Bulanan")
    QUARTERLY = "quarterly", _("Triwulanan")
    SEMIANNUAL = "semiannual", _("Semesteran")
    YEARLY = "yearly", _("Tahunan")
    IRREGULAR = "irregular", _("Tidak tetap")


# Days a dataset may go without an update before it is stale (a grace of a tenth added).
FREQUENCY_DAYS = {
    UpdateFrequency.DAILY: 2,
    UpdateFrequency.MONTHLY: 34,
    UpdateFrequency.QUARTERLY: 100,
    UpdateFrequency.SEMIANNUAL: 200,
    UpdateFrequency.YEARLY: 400,
}


class KeyType(models.TextChoices):
    """Bengkulu Tengah Pasal 10 ayat (6)-(7): staff data keyed by NIP, population data by NIK."""

    NONE = "none", _("Tidak ada")
    NIP = "nip", _("NIP (Nomor Induk Pegawai)")
    NIK = "nik", _("NIK (Nomor Induk Kependudukan)")
    OTHER = "other", _("Kunci lain")


class Licence(models.TextChoices):
    CC_BY = "cc-by-4.0", _("Creative Commons Atribusi 4.0")
    CC0 = "cc-zero", _("Creative Commons CC0 (domain publik)")
    ODBL = "odc-odbl", _("Open Data Commons ODbL")
    GOV = "gov-open", _("Lisensi Terbuka Pemerintah Daerah")
    NONE = "notspecified", _("Belum ditentukan")


class DataPriority(models.TextChoices):
    HIGH = "high", _("Prioritas")
    NORMAL = "normal", _("Biasa")


class ResourceFormat(models.TextChoices):
    CSV = "CSV", "CSV"
    XLSX = "XLSX", "XLSX"
    JSON = "JSON", "JSON"
    PDF = "PDF", "PDF"
    GEOJSON = "GeoJSON", "GeoJSON"
    API = "API", _("Tautan API")


TABULAR_FORMATS = (ResourceFormat.CSV, ResourceFormat.XLSX, ResourceFormat.JSON)

EXTENSION_FORMATS = {
    "csv": ResourceFormat.CSV,
    "xlsx": ResourceFormat.XLSX,
    "json": ResourceFormat.JSON,
    "pdf": ResourceFormat.PDF,
    "geojson": ResourceFormat.GEOJSON,
}


class ShareStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    APPROVED = "approved", _("Disetujui (perjanjian berlaku)")
    REFUSED = "refused", _("Ditolak")
    ENDED = "ended", _("Berakhir")


class SharePartyKind(models.TextChoices):
    """Who receives the data: another agency of the government, or through an interconnection
    agreement a vertical agency or a third party (Bengkulu Tengah Pasal 15-16)."""

    AGENCY = "agency", _("Perangkat daerah lain")
    VERTICAL = "vertical", _("Instansi vertikal")
    THIRD_PARTY = "third_party", _("Pihak ketiga")


class ShareAccess(models.TextChoices):
    READ = "read", _("Membaca dan mengunduh")
    API = "api", _("Akses API (interkoneksi)")
