from django.db import models
from django.utils.translation import gettext_lazy as _


class FacilityKind(models.TextChoices):
    DATA_CENTER = "data_center", _("Pusat data pemda")
    RECOVERY_CENTER = "recovery_center", _("Pusat pemulihan data (DRC)")
    NATIONAL = "national", _("Pusat Data Nasional")
    PROVINCIAL = "provincial", _("Pusat data provinsi")
    AGENCY_ROOM = "agency_room", _("Ruang server PD")
    OTHER = "other", _("Lainnya (penyedia, awan)")


# Facilities where a server counts as placed in the data centre (Parigi Moutong Pasal 15 ayat (3), (9)).
DATA_CENTER_KINDS = (
    FacilityKind.DATA_CENTER,
    FacilityKind.RECOVERY_CENTER,
    FacilityKind.NATIONAL,
    FacilityKind.PROVINCIAL,
)


class FacilityStandard(models.TextChoices):
    SNI = "sni", _("SNI (Standar Nasional Indonesia)")
    INTERNATIONAL = "international", _("Standar internasional")
    NONE = "none", _("Belum tersertifikasi")


class FacilityTier(models.TextChoices):
    NONE = "", _("Tidak ditetapkan")
    TIER1 = "1", _("Tier I")
    TIER2 = "2", _("Tier II")
    TIER3 = "3", _("Tier III")
    TIER4 = "4", _("Tier IV")


class ServerKind(models.TextChoices):
    PHYSICAL = "physical", _("Server fisik")
    VIRTUAL = "virtual", _("Server virtual")


class Hosting(models.TextChoices):
    ICT_OFFICE = "ict_office", _("Milik Dinas Kominfo")
    VPS = "vps", _("VPS dari Dinas Kominfo")
    COLOCATION = "colocation", _("Kolokasi perangkat PD")
    OWN = "own", _("Dikelola sendiri oleh PD")


class ServerStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ACTIVE = "active", _("Aktif")
    MAINTENANCE = "maintenance", _("Pemeliharaan")
    RETIRED = "retired", _("Dihentikan")


class IPScope(models.TextChoices):
    PUBLIC = "public", _("Publik")
    PRIVATE = "private", _("Privat")


class PrefixStatus(models.TextChoices):
    CONTAINER = "container", _("Blok induk")
    ACTIVE = "active", _("Aktif")
    RESERVED = "reserved", _("Dicadangkan")
    DEPRECATED = "deprecated", _("Tidak dipakai lagi")


class AddressStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    RESERVED = "reserved", _("Dicadangkan")
    DHCP = "dhcp", _("DHCP")
    DEPRECATED = "deprecated", _("Tidak dipakai lagi")


class WanMedium(models.TextChoices):
    FIBRE = "fibre", _("Serat optik")
    RADIO = "radio", _("Radio")
    LEASED = "leased", _("Sewa (leased line/MPLS)")
    VSAT = "vsat", _("VSAT")
    OTHER = "other", _("Lainnya")


class LinkStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    ACTIVE = "active", _("Aktif")
    DOWN = "down", _("Terputus")
    RETIRED = "retired", _("Dihentikan")


class DiagramReason(models.TextChoices):
    YEARLY = "yearly", _("Penyerahan tahunan")
    CHANGE = "change", _("Laporan perubahan")


class BackupFrequency(models.TextChoices):
    DAILY = "daily", _("Harian")
    WEEKLY = "weekly", _("Mingguan")
    MONTHLY = "monthly", _("Bulanan")


class RunResult(models.TextChoices):
    SUCCESS = "success", _("Berhasil")
    PARTIAL = "partial", _("Sebagian")
    FAILED = "failed", _("Gagal")


class ReviewedInfrastructure(models.TextChoices):
    DATA_CENTER = "data_center", _("Layanan Pusat Data")
    INTRA_NETWORK = "intra_network", _("Jaringan Intra Pemerintah Daerah")


class DomainKind(models.TextChoices):
    SUBDOMAIN = "subdomain", _("Subdomain domain resmi")
    SPECIAL = "special", _("Domain terpisah untuk keperluan khusus")


class DomainStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    GRANTED = "granted", _("Ditetapkan")
    REFUSED = "refused", _("Ditolak")
    RETIRED = "retired", _("Dihentikan")


class MailboxStatus(models.TextChoices):
    ACTIVE = "active", _("Aktif")
    SUSPENDED = "suspended", _("Ditangguhkan")
    CLOSED = "closed", _("Ditutup")


class AssetCategory(models.TextChoices):
    SERVER = "server", _("Server")
    COMPUTER = "computer", _("Komputer/laptop")
    PRINTER = "printer", _("Alat cetak")
    NETWORK = "network", _("Perangkat jaringan")
    STORAGE = "storage", _("Penyimpanan")
    SOFTWARE = "software", _("Lisensi perangkat lunak")
    OTHER = "other", _("Lainnya")


class AssetStatus(models.TextChoices):
    PLANNED = "planned", _("Perencanaan")
    PROCURED = "procured", _("Pengadaan")
    IN_USE = "in_use", _("Digunakan")
    MAINTENANCE = "maintenance", _("Pemeliharaan")
    DISPOSED = "disposed", _("Dihapuskan")


class AssetSource(models.TextChoices):
    REGIONAL = "regional", _("APBD pemda")
    CENTRAL = "central", _("Pemerintah pusat")
    PROVINCIAL = "provincial", _("Pemerintah provinsi")
    GRANT = "grant", _("Hibah lainnya")


class AssetCondition(models.TextChoices):
    """The condition recorded in regional asset inventories (Baik, Rusak Ringan, Rusak Berat)."""

    GOOD = "good", _("Baik")
    MINOR_DAMAGE = "minor", _("Rusak ringan")
    MAJOR_DAMAGE = "major", _("Rusak berat")


class SiteCategory(models.TextChoices):
    """Categories of web sites an access policy may block (Sigi Pasal 14 ayat (4))."""

    GAMBLING = "gambling", _("Perjudian")
    PORNOGRAPHY = "pornography", _("Pornografi")
    RADICALISM = "radicalism", _("Radikalisme dan terorisme")
    MALWARE = "malware", _("Malware dan phishing")
    PROXY = "proxy", _("Proksi dan VPN anonim")
    FILE_SHARING = "file_sharing", _("Berbagi berkas (torrent)")
    SOCIAL_MEDIA = "social_media", _("Media sosial")
    STREAMING = "streaming", _("Video dan musik streaming")
    GAMES = "games", _("Permainan daring")
    SHOPPING = "shopping", _("Belanja daring")
