from django.db import models
from django.utils.translation import gettext_lazy as _


class ReferenceKind(models.TextChoices):
    BUSINESS = "RAB", _("Referensi Arsitektur Proses Bisnis")
    DATA = "RAD", _("Referensi Arsitektur Data dan Informasi")
    SERVICE = "RAL", _("Referensi Arsitektur Layanan")
    APPLICATION = "RAA", _("Referensi Arsitektur Aplikasi")
    INFRASTRUCTURE = "RAI", _("Referensi Arsitektur Infrastruktur")
    SECURITY = "RAK", _("Referensi Arsitektur Keamanan")


class ArchitectureDomain(models.TextChoices):
    BUSINESS_PROCESS = "business_process", _("Proses bisnis")
    DATA = "data", _("Data dan informasi")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur SPBE")
    APPLICATION = "application", _("Aplikasi SPBE")
    SECURITY = "security", _("Keamanan SPBE")
    SERVICE = "service", _("Layanan SPBE")


# The national reference each domain's items follow.
DOMAIN_REFERENCE = {
    ArchitectureDomain.BUSINESS_PROCESS: ReferenceKind.BUSINESS,
    ArchitectureDomain.DATA: ReferenceKind.DATA,
    ArchitectureDomain.INFRASTRUCTURE: ReferenceKind.INFRASTRUCTURE,
    ArchitectureDomain.APPLICATION: ReferenceKind.APPLICATION,
    ArchitectureDomain.SECURITY: ReferenceKind.SECURITY,
    ArchitectureDomain.SERVICE: ReferenceKind.SERVICE,
}


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Rancangan")
    SET = "set", _("Ditetapkan")
    SUPERSEDED = "superseded", _("Digantikan")


class RoadmapArea(models.TextChoices):
    """The seven contents of a roadmap (Parigi Moutong Pasal 6 ayat (1))."""

    GOVERNANCE = "governance", _("Tata Kelola SPBE")
    MANAGEMENT = "management", _("Manajemen SPBE")
    SERVICES = "services", _("Layanan SPBE")
    INFRASTRUCTURE = "infrastructure", _("Infrastruktur SPBE")
    APPLICATIONS = "applications", _("Aplikasi SPBE")
    SECURITY = "security", _("Keamanan SPBE")
    ICT_AUDIT = "ict_audit", _("Audit TIK")


class RoadmapStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    IN_PROGRESS = "in_progress", _("Berjalan")
    DONE = "done", _("Selesai")
    DELAYED = "delayed", _("Terlambat")
    CANCELLED = "cancelled", _("Dibatalkan")


class MasterPlanKind(models.TextChoices):
    MASTER_PLAN = "master_plan", _("Rencana Induk SPBE")
    EGOV_MASTERPLAN = "egov_masterplan", _("Masterplan e-Government")
    ICT_ROADMAP = "ict_roadmap", _("Roadmap TIK")

    @classmethod
    def document_of(cls, kind: str) -> str:
        """The planning document a master plan of this kind is: a roadmap TIK, or a master plan
        (Rencana Induk SPBE and Masterplan e-Government are the same document under two names)."""
        return "ict_roadmap" if kind == cls.ICT_ROADMAP else "master_plan"

    @classmethod
    def kinds_of(cls, document: str) -> list[str]:
        return [k for k in cls.values if cls.document_of(k) == document]


class FundingSource(models.TextChoices):
    APBD = "apbd", _("APBD Kabupaten/Kota")
    APBD_PROVINCE = "apbd_provinsi", _("APBD Provinsi")
    APBN = "apbn", _("APBN")
    GRANT = "hibah", _("Hibah")
    LOAN = "pinjaman", _("Pinjaman daerah")
    OTHER = "lain", _("Sumber lain yang sah")


class BudgetPurpose(models.TextChoices):
    """What ICT funding is spent on (Pangkep Pasal 24 ayat (2); Bengkulu Tengah Pasal 23 ayat (2))."""

    POLICY = "policy", _("Penyusunan kebijakan dan regulasi")
    DEVICES = "devices", _("Pengadaan, pemasangan, pemeliharaan perangkat keras dan lunak")
    OPERATIONS = "operations", _("Pengelolaan operasional SPBE")
    PEOPLE = "people", _("Pengembangan SDM aparatur")
    OTHER = "other", _("Lainnya")


class ServiceKind(models.TextChoices):
    ADMINISTRATIVE = "administrative", _("Administrasi pemerintahan")
    PUBLIC = "public", _("Pelayanan publik")


class ServiceArea(models.TextChoices):
    """Administrative areas of Parigi Moutong Pasal 31 ayat (2); public areas of Pasal 32 ayat (2)-(3)."""

    PLANNING = "planning", _("Perencanaan")
    BUDGETING = "budgeting", _("Penganggaran")
    FINANCE = "finance", _("Keuangan")
    PROCUREMENT = "procurement", _("Pengadaan barang dan jasa")
    PERSONNEL = "personnel", _("Kepegawaian")
    RECORDS = "records", _("Kearsipan dinamis")
    ASSETS = "assets", _("Pengelolaan barang milik daerah")
    OVERSIGHT = "oversight", _("Pengawasan internal")
    ACCOUNTABILITY = "accountability", _("Akuntabilitas kinerja organisasi")
    STAFF_PERFORMANCE = "staff_performance", _("Kinerja pegawai")
    ADMIN_OTHER = "admin_other", _("Administrasi lainnya")
    COMPLAINTS = "complaints", _("Pengaduan pelayanan publik")
    OPEN_DATA = "open_data", _("Data terbuka")
    LEGAL_DOCS = "legal_docs", _("Jaringan dokumentasi dan informasi hukum")
    EDUCATION = "education", _("Sektor pendidikan dan pengajaran")
    WORK = "work", _("Pekerjaan dan usaha")
    HOUSING = "housing", _("Tempat tinggal")
    COMMUNICATION = "communication", _("Komunikasi dan informasi")
    ENVIRONMENT = "environment", _("Lingkungan hidup")
    HEALTH = "health", _("Kesehatan")
    SOCIAL_SECURITY = "social_security", _("Jaminan sosial")
    ENERGY = "energy", _("Energi")
    BANKING = "banking", _("Perbankan")
    TRANSPORT = "transport", _("Perhubungan")
    NATURAL_RESOURCES = "natural_resources", _("Sumber daya alam")
    TOURISM = "tourism", _("Pariwisata")
    PUBLIC_OTHER = "public_other", _("Sektor strategis lainnya")

    @classmethod
    def kind_of(cls, area: str) -> str:
        administrative = {
            cls.PLANNING,
            cls.BUDGETING,
            cls.FINANCE,
            cls.PROCUREMENT,
            cls.PERSONNEL,
            cls.RECORDS,
            cls.ASSETS,
            cls.OVERSIGHT,
            cls.ACCOUNTABILITY,
            cls.STAFF_PERFORMANCE,
            cls.ADMIN_OTHER,
        }
        return ServiceKind.ADMINISTRATIVE if area in administrative else ServiceKind.PUBLIC


class IntegrationStatus(models.TextChoices):
    STANDALONE = "standalone", _("Belum terpadu")
    PARTIAL = "partial", _("Terpadu sebagian")
    INTEGRATED = "integrated", _("Terpadu")


class ReviewedDocument(models.TextChoices):
    ARCHITECTURE = "architecture", _("Arsitektur SPBE")
    ROADMAP = "roadmap", _("Peta Rencana SPBE")
    MASTER_PLAN = "master_plan", _("Rencana Induk SPBE")
    BUDGET_PLAN = "budget_plan", _("Rencana dan Anggaran SPBE")
    BUSINESS_PROCESS = "business_process", _("Proses bisnis")
    ICT_ROADMAP = "ict_roadmap", _("Roadmap TIK")


class ReviewReason(models.TextChoices):
    """Reasons a review may rest on (Parigi Moutong Pasal 5 ayat (2), 8 ayat (2), 11 ayat (3))."""

    CIRCUMSTANCES = "circumstances", _("Perkembangan keadaan")
    REGIONAL_NEEDS = "regional_needs", _("Kebutuhan daerah")
    NATIONAL_CHANGE = "national_change", _("Perubahan arsitektur/peta rencana SPBE nasional")
    MONITORING = "monitoring", _("Hasil pemantauan dan evaluasi SPBE")
    SPBE_ELEMENTS = "spbe_elements", _("Perubahan unsur SPBE")
    RPJMD = "rpjmd", _("Perubahan RPJMD / rencana strategis daerah")
    ARCHITECTURE_CHANGE = "architecture_change", _("Perubahan Arsitektur SPBE")
    POLICY_DIRECTION = "policy_direction", _("Perubahan arah kebijakan (visi, misi, strategi)")
    DUTIES = "duties", _("Perubahan tugas dan fungsi PD")
    SERVICE_IMPROVEMENT = "service_improvement", _("Kebutuhan memperbaiki kinerja pelayanan publik")
    PROCESS_MONITORING = "process_monitoring", _("Hasil pemantauan pelaksanaan proses bisnis")
    AGENCY_INITIATIVE = "agency_initiative", _("Usulan atau inisiatif perubahan dari PD")
    FEEDBACK = "feedback", _("Umpan balik evaluasi implementasi")


# The reasons each regulation lists for a review (Parigi Moutong Pasal 5 ayat (2), 8 ayat (2) and
# 11 ayat (3)); documents not listed here may rest on any reason.
REVIEW_REASONS_BY_DOCUMENT = {
    ReviewedDocument.ARCHITECTURE: (
        ReviewReason.CIRCUMSTANCES,
        ReviewReason.REGIONAL_NEEDS,
        ReviewReason.NATIONAL_CHANGE,
        ReviewReason.MONITORING,
        ReviewReason.SPBE_ELEMENTS,
        ReviewReason.RPJMD,
    ),
    ReviewedDocument.ROADMAP: (
        ReviewReason.CIRCUMSTANCES,
        ReviewReason.REGIONAL_NEEDS,
        ReviewReason.NATIONAL_CHANGE,
        ReviewReason.RPJMD,
        ReviewReason.ARCHITECTURE_CHANGE,
        ReviewReason.MONITORING,
    ),
    ReviewedDocument.BUSINESS_PROCESS: (
        ReviewReason.POLICY_DIRECTION,
        ReviewReason.DUTIES,
        ReviewReason.SERVICE_IMPROVEMENT,
        ReviewReason.PROCESS_MONITORING,
        ReviewReason.AGENCY_INITIATIVE,
        ReviewReason.FEEDBACK,
    ),
}


class NeedStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Diajukan")
    CONSOLIDATED = "consolidated", _("Dikonsolidasikan ke peta rencana")
    DEFERRED = "deferred", _("Ditunda")
    REJECTED = "rejected", _("Tidak disetujui")


# The planning documents a regulation can require (profile parameter `planning_documents`, and the
# `document` of the `planning_document_current` check).
PLANNING_DOCUMENTS = (
    ReviewedDocument.MASTER_PLAN,
    ReviewedDocument.ICT_ROADMAP,
    ReviewedDocument.ARCHITECTURE,
    ReviewedDocument.ROADMAP,
    ReviewedDocument.BUDGET_PLAN,
)
