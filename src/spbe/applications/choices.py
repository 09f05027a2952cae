from django.db import models
from django.utils.translation import gettext_lazy as _


class ApplicationKind(models.TextChoices):
    COMMON = "common", _("Aplikasi Umum")
    SPECIFIC = "specific", _("Aplikasi Khusus")


class SourceModel(models.TextChoices):
    OPEN = "open", _("Kode sumber terbuka")
    CLOSED = "closed", _("Kode sumber tertutup")


class DeveloperKind(models.TextChoices):
    IN_HOUSE = "in_house", _("Dikembangkan PD sendiri")
    ICT_OFFICE = "ict_office", _("Dikembangkan Dinas Kominfo")
    THIRD_PARTY = "third_party", _("Pihak ketiga (kontrak)")
    NATIONAL = "national", _("Disediakan pemerintah pusat")


class LifecycleStage(models.TextChoices):
    """System development life cycle stages (Parigi Moutong Pasal 24 ayat (7))."""

    PLANNING = "planning", _("Perencanaan")
    ANALYSIS = "analysis", _("Analisis")
    DESIGN = "design", _("Desain")
    IMPLEMENTATION = "implementation", _("Implementasi")
    TESTING = "testing", _("Pengujian")
    MAINTENANCE = "maintenance", _("Pemeliharaan")


class ApplicationStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_DEVELOPMENT = "in_development", _("Dalam pengembangan")
    PRODUCTION = "production", _("Beroperasi")
    RETIRED = "retired", _("Dihentikan")


class DocumentType(models.TextChoices):
    """Documents an application is delivered with; the regulation profile says which are required."""

    REQUIREMENTS = "requirements", _("Dokumen kebutuhan perangkat lunak")
    ARCHITECTURE_DESIGN = "architecture_design", _("Dokumen arsitektur/desain")
    TECHNICAL = "technical", _("Dokumen teknis")
    USER_MANUAL = "user_manual", _("Manual pengguna")
    SOURCE_CODE = "source_code", _("Kode sumber")
    TESTING = "testing", _("Dokumen pengujian")
    INSTALLATION_ADMIN_MANUAL = "installation_admin_manual", _("Manual instalasi dan admin")
    METADATA = "metadata", _("Metadata")
    TROUBLESHOOTING = "troubleshooting", _("Panduan penanganan masalah")
    LIFECYCLE_RECORD = "lifecycle_record", _("Catatan tahapan siklus hidup")


class IntegrationMethod(models.TextChoices):
    API = "api", _("API / layanan web")
    HUB = "hub", _("Sistem Penghubung Layanan")
    DATABASE = "database", _("Basis data bersama")
    FILE = "file", _("Pertukaran berkas")
    SSO = "sso", _("Single Sign On")


class CommonField(models.TextChoices):
    """Fields national common applications serve (Perpres 95/2018): registering an application in one
    of them warns of a duplicate."""

    PLANNING = "planning", _("Perencanaan")
    BUDGETING = "budgeting", _("Penganggaran")
    PROCUREMENT = "procurement", _("Pengadaan")
    PERFORMANCE = "performance", _("Akuntabilitas kinerja")
    MONITORING = "monitoring", _("Pemantauan dan evaluasi")
    RECORDS = "records", _("Kearsipan")
    PERSONNEL = "personnel", _("Kepegawaian")
    COMPLAINTS = "complaints", _("Pengaduan")
    OTHER = "other", _("Bidang lain")
