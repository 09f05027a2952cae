from django.db import models
from django.utils.translation import gettext_lazy as _


class TicketKind(models.TextChoices):
    INCIDENT = "incident", _("Gangguan (insiden)")
    REQUEST = "request", _("Permintaan layanan")


class TicketPriority(models.TextChoices):
    CRITICAL = "p1", _("Kritis")
    HIGH = "p2", _("Tinggi")
    MEDIUM = "p3", _("Sedang")
    LOW = "p4", _("Rendah")


class TicketStatus(models.TextChoices):
    NEW = "new", _("Baru")
    IN_PROGRESS = "in_progress", _("Ditangani")
    WAITING = "waiting", _("Menunggu pelapor")
    RESOLVED = "resolved", _("Selesai ditangani")
    CLOSED = "closed", _("Ditutup")


OPEN_STATUSES = (TicketStatus.NEW, TicketStatus.IN_PROGRESS, TicketStatus.WAITING)


class TicketTier(models.IntegerChoices):
    TIER1 = 1, _("Tier 1 (PD)")
    TIER2 = 2, _("Tier 2 (Dinas Kominfo)")


class TicketChannel(models.TextChoices):
    WEB = "web", _("Portal (pengguna)")
    TIER1 = "tier1", _("Dicatat service desk tier 1")
    EMAIL = "email", _("Surel")


class TicketEventKind(models.TextChoices):
    OPENED = "opened", _("Dibuka")
    RESPONDED = "responded", _("Ditanggapi")
    COMMENT = "comment", _("Catatan")
    PRIORITY = "priority", _("Prioritas diubah")
    WAITING = "waiting", _("Menunggu pelapor")
    RESUMED = "resumed", _("Dilanjutkan")
    ESCALATED = "escalated", _("Dieskalasi ke tier 2")
    RESOLVED = "resolved", _("Diselesaikan")
    REOPENED = "reopened", _("Dibuka kembali")
    CLOSED = "closed", _("Ditutup")
    PROBLEM = "problem", _("Dikaitkan dengan masalah")


class ProblemStatus(models.TextChoices):
    """A problem's life (ITIL problem management, as GLPI and iTop keep it): the cause is looked
    for, then known with a workaround (known error), then removed."""

    NEW = "new", _("Baru")
    ANALYSIS = "analysis", _("Dianalisis")
    KNOWN_ERROR = "known_error", _("Kesalahan diketahui")
    RESOLVED = "resolved", _("Terselesaikan")
    CLOSED = "closed", _("Ditutup")


OPEN_PROBLEM_STATUSES = (ProblemStatus.NEW, ProblemStatus.ANALYSIS, ProblemStatus.KNOWN_ERROR)


class InboundMailOutcome(models.TextChoices):
    TICKET = "ticket", _("Tiket baru")
    COMMENT = "comment", _("Tanggapan pada tiket")
    REFUSED = "refused", _("Ditolak")


class CalendarDayKind(models.TextChoices):
    NATIONAL = "national", _("Hari libur nasional")
    COLLECTIVE = "collective", _("Cuti bersama")
    REGIONAL = "regional", _("Hari libur daerah")


# --- risk (PermenPANRB 5/2020, Pedoman Manajemen Risiko SPBE) --------------------------------


class RiskType(models.TextChoices):
    NEGATIVE = "negative", _("Risiko negatif")
    POSITIVE = "positive", _("Risiko positif (peluang)")


class RiskCategory(models.TextChoices):
    """Tabel 3.6 of the guideline: the 16 SPBE risk categories."""

    MASTER_PLAN = "01", _("Rencana Induk SPBE Nasional")
    ARCHITECTURE = "02", _("Arsitektur SPBE")
    ROADMAP = "03", _("Peta Rencana SPBE")
    BUSINESS_PROCESS = "04", _("Proses Bisnis")
    PLAN_BUDGET = "05", _("Rencana dan Anggaran")
    INNOVATION = "06", _("Inovasi")
    COMPLIANCE = "07", _("Kepatuhan terhadap Peraturan")
    PROCUREMENT = "08", _("Pengadaan Barang dan Jasa")
    PROJECT = "09", _("Proyek Pembangunan/Pengembangan Sistem")
    DATA = "10", _("Data dan Informasi")
    INFRASTRUCTURE = "11", _("Infrastruktur SPBE")
    APPLICATION = "12", _("Aplikasi SPBE")
    SECURITY = "13", _("Keamanan SPBE")
    SERVICE = "14", _("Layanan SPBE")
    HUMAN_RESOURCES = "15", _("SDM SPBE")
    DISASTER = "16", _("Bencana Alam")


class ImpactArea(models.TextChoices):
    FINANCIAL = "financial", _("Finansial")
    REPUTATION = "reputation", _("Reputasi")
    PERFORMANCE = "performance", _("Kinerja")
    SERVICE = "service", _("Layanan Organisasi")
    OPERATIONS = "operations", _("Operasional dan Aset TIK")
    LEGAL = "legal", _("Hukum dan Regulasi")
    PEOPLE = "people", _("Sumber Daya Manusia")


class Likelihood(models.IntegerChoices):
    RARE = 1, _("1 Hampir Tidak Terjadi")
    UNLIKELY = 2, _("2 Jarang Terjadi")
    POSSIBLE = 3, _("3 Kadang-Kadang Terjadi")
    LIKELY = 4, _("4 Sering Terjadi")
    CERTAIN = 5, _("5 Hampir Pasti Terjadi")


class Impact(models.IntegerChoices):
    INSIGNIFICANT = 1, _("1 Tidak Signifikan")
    MINOR = 2, _("2 Kurang Signifikan")
    MODERATE = 3, _("3 Cukup Signifikan")
    MAJOR = 4, _("4 Signifikan")
    SEVERE = 5, _("5 Sangat Signifikan")


class RiskLevel(models.TextChoices):
    VERY_LOW = "very_low", _("Sangat Rendah")
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    VERY_HIGH = "very_high", _("Sangat Tinggi")


class TreatmentOption(models.TextChoices):
    MITIGATE = "mitigate", _("Mitigasi")
    TRANSFER = "transfer", _("Transfer")
    AVOID = "avoid", _("Penghindaran")
    ACCEPT = "accept", _("Penerimaan")
    ESCALATE = "escalate", _("Eskalasi")
    EXPLOIT = "exploit", _("Eksploitasi")
    SHARE = "share", _("Pembagian")
    ENHANCE = "enhance", _("Peningkatan")


NEGATIVE_OPTIONS = ("mitigate", "transfer", "avoid", "accept", "escalate")
POSITIVE_OPTIONS = ("exploit", "share", "enhance", "accept", "escalate")


class CriterionKind(models.TextChoices):
    LIKELIHOOD = "likelihood", _("Kriteria kemungkinan")
    IMPACT = "impact", _("Kriteria dampak")


class TreatmentStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")


class RegisterStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Diajukan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Tidak disetujui")


# --- people -----------------------------------------------------------------------------------


class DevelopmentKind(models.TextChoices):
    EDUCATION = "education", _("Pendidikan")
    BIMTEK = "bimtek", _("Bimbingan teknis (bimtek)")
    DIKLAT = "diklat", _("Pendidikan dan pelatihan (diklat) teknis")
    INTERNSHIP = "internship", _("Magang kerja")
    CERTIFICATION = "certification", _("Sertifikasi")
    INCENTIVE = "incentive", _("Insentif")


TRAINING_KINDS = ("bimtek", "diklat", "internship")


class CertificationScope(models.TextChoices):
    NONE = "", _("(bukan sertifikasi)")
    NATIONAL = "national", _("Nasional")
    INTERNATIONAL = "international", _("Internasional")


class CompetencyLevel(models.IntegerChoices):
    BASIC = 1, _("1 Dasar")
    INTERMEDIATE = 2, _("2 Menengah")
    ADVANCED = 3, _("3 Mahir")
    EXPERT = 4, _("4 Ahli")


# --- change and knowledge ---------------------------------------------------------------------


class ChangeKind(models.TextChoices):
    STANDARD = "standard", _("Standar")
    NORMAL = "normal", _("Normal")
    EMERGENCY = "emergency", _("Darurat")


class ChangeStage(models.TextChoices):
    """Parigi Moutong Pasal 41 ayat (2): the stages of change management."""

    PLANNING = "planning", _("Perencanaan")
    ANALYSIS = "analysis", _("Analisis")
    DEVELOPMENT = "development", _("Pengembangan")
    IMPLEMENTATION = "implementation", _("Implementasi")
    MONITORING = "monitoring", _("Pemantauan")
    EVALUATION = "evaluation", _("Evaluasi")
    CLOSED = "closed", _("Selesai")


class ApprovalState(models.TextChoices):
    NONE = "none", _("Belum diajukan")
    PENDING = "pending", _("Menunggu persetujuan")
    APPROVED = "approved", _("Disetujui")
    REJECTED = "rejected", _("Ditolak")


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    REVIEW = "review", _("Ditinjau")
    PUBLISHED = "published", _("Terbit")
    ARCHIVED = "archived", _("Diarsipkan")


class ArticleAudience(models.TextChoices):
    AGENCY = "agency", _("Perangkat daerah pemilik")
    STAFF = "staff", _("Seluruh pegawai pemda")
    PUBLIC = "public", _("Publik")


class KnowledgeTransferMethod(models.TextChoices):
    """How knowledge and technology were handed on (Parigi Moutong Pasal 40 ayat (2): alih
    pengetahuan dan teknologi)."""

    HANDOVER = "handover", _("Serah terima (dokumentasi dan penjelasan)")
    MENTORING = "mentoring", _("Pendampingan kerja")
    TRAINING = "training", _("Pelatihan internal")
    WORKSHOP = "workshop", _("Lokakarya / berbagi pengetahuan")
    SHADOWING = "shadowing", _("Magang / ikut bekerja")
    OTHER = "other", _("Lainnya")
