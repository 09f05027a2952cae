from django.db import models
from django.utils.translation import gettext_lazy as _


class Classification(models.TextChoices):
    """Security classification; only OPEN may ever reach the public portal."""

    OPEN = "open", _("Terbuka")
    LIMITED = "limited", _("Terbatas")
    CLOSED = "closed", _("Tertutup")


class EntryPoint(models.TextChoices):
    WEB = "web", _("Halaman web")
    API = "api", _("API")
    ADMIN = "admin", _("Admin")
    IMPORT = "import", _("Impor")
    CLI = "cli", _("Perintah")
    TASK = "task", _("Tugas latar")
    SHELL = "shell", _("Shell")


class AuditAction(models.TextChoices):
    CREATE = "create", _("Dibuat")
    UPDATE = "update", _("Diubah")
    DELETE = "delete", _("Dihapus")
    EVENT = "event", _("Peristiwa")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Menunggu")
    VALIDATING = "validating", _("Memeriksa")
    VALIDATED = "validated", _("Siap diterapkan")
    INVALID = "invalid", _("Ditolak: ada baris tidak valid")
    APPLYING = "applying", _("Menerapkan")
    APPLIED = "applied", _("Diterapkan")
    FAILED = "failed", _("Gagal")
