from django.db import models
from django.utils.translation import gettext_lazy as _


class CredentialKind(models.TextChoices):
    """What proves a person may sign electronic transactions (Sigi Pasal 19 ayat (2) dan (5))."""

    CERTIFICATE = "certificate", _("Sertifikat elektronik")
    EDUCATION_LETTER = "education_letter", _("Surat keterangan lembaga pendidikan (sementara)")


class IncidentKind(models.TextChoices):
    """Sigi Pasal 18 ayat (4): a failure, or a disruption caused by another party's act."""

    FAILURE = "failure", _("Kegagalan sistem")
    ATTACK = "attack", _("Serangan / gangguan oleh pihak lain")


class IncidentSeverity(models.TextChoices):
    UNTRIAGED = "untriaged", _("Belum dinilai")
    LOW = "low", _("Rendah")
    MEDIUM = "medium", _("Sedang")
    HIGH = "high", _("Tinggi")
    SERIOUS = "serious", _("Serius")


class IncidentStatus(models.TextChoices):
    REPORTED = "reported", _("Dilaporkan")
    TRIAGED = "triaged", _("Ditriase")
    CONTAINED = "contained", _("Terkendali")
    RECOVERED = "recovered", _("Pulih")
    CLOSED = "closed", _("Ditutup")


class IncidentEventKind(models.TextChoices):
    NOTE = "note", _("Catatan")
    TRIAGE = "triage", _("Triase")
    CONTAINMENT = "containment", _("Penahanan")
    RECOVERY = "recovery", _("Pemulihan")
    EVIDENCE = "evidence", _("Bukti")
    NOTICE = "notice", _("Pemberitahuan")


class ServiceRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Diajukan")
    PLANNED = "planned", _("Direncanakan")
    DONE = "done", _("Selesai dilaksanakan")
    DECLINED = "declined", _("Ditolak")
