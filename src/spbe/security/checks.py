"""The compliance checks the security module answers (issue 13; docs/security.md).

- `certificates_held` (Sigi Pasal 19 ayat (2) dan (4), Kutai Barat Pasal 21 ayat (2), Parigi Moutong
  Pasal 27 ayat (6)): every person on an electronic-transaction duty of the agency holds a valid
  certificate. An expired or revoked certificate makes it unmet; one running out within 30 days is
  named as a warning. `education_letter: true` where the regulation lets a letter from an education
  institution stand in (Sigi Pasal 19 ayat (5)); `public_service: true` counts public-service duties only.
- `incidents_reported` (Sigi Pasal 18 ayat (4), Kutai Barat Pasal 20 ayat (4)): every incident the
  agency suffered was reported to the ICT office within `hours` of being known; not applicable
  without incidents.
- `incident_notice_sent` (same articles): serious incidents (attacks, or triaged high/serious) carry
  the written notice to the data steward.
- `security_services_provided` (Parigi Moutong Pasal 28 ayat (1)): the ICT office provided security
  services within `months`, and no request waits unanswered longer than `days`.
- `classification_reviewed` (Parigi Moutong Pasal 27 ayat (2), Sigi Pasal 18 ayat (3)): a policy
  exists, and each collected dataset and application in service has a current decision with the
  policy's reason, at its present level, not past its review date.
- `critical_systems_backed_up` (Parigi Moutong Pasal 27 ayat (4)): availability through backup and
  recovery: every application in service holding LIMITED or CLOSED data has an active backup plan
  proven by a restore drill within its period (read from the infrastructure module's records).
Each run reads a fixed number of queries, whatever the number of agencies.
"""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.core import checks
from spbe.core.checks import CheckType, EvidenceKind, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.selectors import subtree_map

from . import selectors
from .choices import IncidentKind, IncidentSeverity, ServiceRequestStatus
from .models import EXPIRY_WARNING_DAYS, CertificateDuty, Incident, SecurityServiceRequest

NAMED = 6


def _tree(government, ctx) -> dict:
    key = f"security:tree:{government.pk}"
    if key not in ctx:
        ctx[key] = subtree_map(government)
    return ctx[key]


def _names(items) -> list:
    shown = list(items[:NAMED])
    if len(items) > NAMED:
        shown.append(msg(gettext_noop("dan %(n)d lainnya"), n=len(items) - NAMED))
    return shown


def _ids(subject, ctx) -> list | None:
    """The agencies a subject answers for (it and its sub-units); None: the whole government."""
    if subject.agency is None:
        return None
    return _tree(subject.government, ctx).get(subject.agency.pk, [subject.agency.pk])


@checks.register_check
class CertificatesHeld(CheckType):
    name = "certificates_held"
    label = gettext_lazy("Petugas transaksi elektronik memegang sertifikat elektronik yang berlaku")
    depends_on = ("security.CertificateDuty", "security.ElectronicCertificate")
    param_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"education_letter": {"type": "boolean"}, "public_service": {"type": "boolean"}},
    }

    def _load(self, government, params, ctx):
        key = ("security:certificates", government.pk, bool(params.get("education_letter")))
        if key not in ctx:
            ctx[key] = selectors.holder_credentials(
                government, education_letter=bool(params.get("education_letter"))
            )
        duties_key = ("security:duties", government.pk, bool(params.get("public_service")))
        if duties_key not in ctx:
            qs = CertificateDuty._base_manager.filter(active=True, person__agency__government=government)
            if params.get("public_service"):
                qs = qs.filter(public_service=True)
            ctx[duties_key] = list(qs.values_list("person_id", "person__name", "duty", "person__agency_id"))
        return ctx[key], ctx[duties_key]

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        params = obligation.params or {}
        for subject in subjects:
            credentials, duties = self._load(subject.government, params, ctx)
            ids = _ids(subject, ctx)
            mine = [d for d in duties if ids is None or d[3] in ids]
            out[subject.key] = self.outcome(mine, credentials)
        return out

    def outcome(self, duties, credentials) -> Outcome:
        evidence = [
            {"label": gettext_lazy("Cakupan sertifikat elektronik"), "url": reverse("security:coverage")}
        ]
        if not duties:
            return Outcome(
                Status.UNMET,
                msg(gettext_noop("Belum ada petugas transaksi elektronik yang didaftarkan.")),
                evidence,
                next_step=msg(gettext_noop("Daftarkan pegawai yang melaksanakan transaksi elektronik.")),
            )
        warn = timezone.localdate() + datetime.timedelta(days=EXPIRY_WARNING_DAYS)
        missing, expired, expiring = [], [], []
        for person_id, person_name, _duty, _agency in duties:
            best, had = credentials.get(person_id, (None, False))
            if best is None:
                (expired if had else missing).append(person_name)
            elif best <= warn:
                expiring.append(person_name)
        covered = len(duties) - len(missing) - len(expired)
        warning = (
            msg(
                gettext_noop(" Peringatan: %(n)d sertifikat berakhir dalam %(d)d hari (%(who)s)."),
                n=len(expiring),
                d=EXPIRY_WARNING_DAYS,
                who=_names(expiring),
            )
            if expiring
            else ""
        )
        if not missing and not expired:
            return Outcome(
                Status.MET,
                msg(
                    gettext_noop("%(c)d dari %(t)d petugas memegang sertifikat berlaku.%(w)s"),
                    c=covered,
                    t=len(duties),
                    w=warning,
                ),
                evidence,
                next_step=msg(gettext_noop("Perpanjang sertifikat yang segera berakhir."))
                if expiring
                else "",
            )
        status = Status.UNMET if expired or not covered else Status.PARTLY_MET
        return Outcome(
            status,
            msg(
                gettext_noop(
                    "%(c)d dari %(t)d petugas memegang sertifikat berlaku; kedaluwarsa atau dicabut: %(e)s; belum punya: %(m)s.%(w)s"
                ),
                c=covered,
                t=len(duties),
                e=_names(expired) or "-",
                m=_names(missing) or "-",
                w=warning,
            ),
            evidence,
            next_step=msg(
                gettext_noop("Ajukan atau perpanjang sertifikat elektronik ke BSrE untuk petugas tersebut.")
            ),
        )


def _incidents(government, ctx) -> list:
    key = f"security:incidents:{government.pk}"
    if key not in ctx:
        since = timezone.now() - datetime.timedelta(days=366)
        ctx[key] = list(
            Incident._base_manager.filter(agency__government=government, reported_at__gte=since)
            .order_by("reported_at", "pk")
            .values(
                "pk",
                "title",
                "agency_id",
                "kind",
                "severity",
                "detected_at",
                "reported_at",
                "steward_notified_at",
            )
        )
    return ctx[key]


def _incident_evidence(rows) -> list:
    return [
        {"label": r["title"], "url": reverse("security:incident_detail", kwargs={"pk": r["pk"]})}
        for r in rows[:NAMED]
    ]


@checks.register_check
class IncidentsReported(CheckType):
    name = "incidents_reported"
    label = gettext_lazy("Insiden dilaporkan segera ke Dinas Kominfo")
    depends_on = ("security.Incident",)
    param_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {"hours": {"type": "integer", "minimum": 1, "maximum": 720}},
    }

    def evaluate(self, obligation, subjects, ctx):
        hours = int((obligation.params or {}).get("hours", 24))
        out = {}
        for subject in subjects:
            ids = _ids(subject, ctx)
            rows = [r for r in _incidents(subject.government, ctx) if ids is None or r["agency_id"] in ids]
            if not rows:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE, msg(gettext_noop("Tidak ada insiden dalam 12 bulan terakhir."))
                )
                continue
            late = [r for r in rows if r["reported_at"] - r["detected_at"] > datetime.timedelta(hours=hours)]
            if not late:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop("%(n)d insiden, semuanya dilaporkan dalam %(h)d jam sejak diketahui."),
                        n=len(rows),
                        h=hours,
                    ),
                    _incident_evidence(rows),
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop(
                            "%(l)d dari %(n)d insiden dilaporkan lebih dari %(h)d jam sejak diketahui: %(who)s."
                        ),
                        l=len(late),
                        n=len(rows),
                        h=hours,
                        who=_names([r["title"] for r in late]),
                    ),
                    _incident_evidence(late),
                    next_step=msg(
                        gettext_noop("Laporkan insiden ke Dinas Kominfo segera setelah diketahui.")
                    ),
                )
        return out


def needs_notice(row) -> bool:
    return row["kind"] == IncidentKind.ATTACK or row["severity"] in (
        IncidentSeverity.HIGH,
        IncidentSeverity.SERIOUS,
    )


@checks.register_check
class IncidentNoticeSent(CheckType):
    name = "incident_notice_sent"
    label = gettext_lazy("Pemberitahuan tertulis insiden kepada walidata")
    depends_on = ("security.Incident",)
    param_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            ids = _ids(subject, ctx)
            rows = [
                r
                for r in _incidents(subject.government, ctx)
                if (ids is None or r["agency_id"] in ids) and needs_notice(r)
            ]
            if not rows:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE,
                    msg(gettext_noop("Tidak ada serangan atau insiden berat dalam 12 bulan terakhir.")),
                )
                continue
            unsent = [r for r in rows if r["steward_notified_at"] is None]
            if not unsent:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop("Walidata diberi tahu secara tertulis atas %(n)d insiden."), n=len(rows)
                    ),
                    _incident_evidence(rows),
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET if len(unsent) == len(rows) else Status.PARTLY_MET,
                    msg(
                        gettext_noop(
                            "%(u)d dari %(n)d insiden belum diberitahukan tertulis kepada walidata: %(who)s."
                        ),
                        u=len(unsent),
                        n=len(rows),
                        who=_names([r["title"] for r in unsent]),
                    ),
                    _incident_evidence(unsent),
                    next_step=msg(gettext_noop("Terbitkan pemberitahuan tertulis dari halaman insiden.")),
                )
        return out


@checks.register_check
class SecurityServicesProvided(CheckType):
    name = "security_services_provided"
    label = gettext_lazy("Dinas Kominfo menyelenggarakan layanan keamanan informasi")
    depends_on = ("security.SecurityServiceRequest",)
    param_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "months": {"type": "integer", "minimum": 1, "maximum": 120},
            "days": {"type": "integer", "minimum": 1, "maximum": 365},
        },
    }

    def evaluate(self, obligation, subjects, ctx):
        params = obligation.params or {}
        months, days = int(params.get("months", 12)), int(params.get("days", 30))
        today = timezone.localdate()
        out = {}
        for subject in subjects:
            qs = SecurityServiceRequest._base_manager.filter(agency__government=subject.government).order_by()
            done = qs.filter(
                status=ServiceRequestStatus.DONE,
                done_date__gte=today - datetime.timedelta(days=round(months * 30.44)),
            ).count()
            stale = qs.filter(
                status=ServiceRequestStatus.REQUESTED, requested_on__lt=today - datetime.timedelta(days=days)
            ).count()
            evidence = [
                {
                    "label": gettext_lazy("Layanan keamanan informasi"),
                    "url": reverse("security:securityservicerequest_list"),
                }
            ]
            if done and not stale:
                status = Status.MET
            elif done:
                status = Status.PARTLY_MET
            else:
                status = Status.UNMET
            out[subject.key] = Outcome(
                status,
                msg(
                    gettext_noop(
                        "%(d)d layanan keamanan dilaksanakan dalam %(m)d bulan; %(s)d permohonan menunggu lebih dari %(days)d hari."
                    ),
                    d=done,
                    m=months,
                    s=stale,
                    days=days,
                ),
                evidence,
                next_step=msg(
                    gettext_noop("Putuskan permohonan yang menunggu dan laporkan layanan yang dilaksanakan.")
                )
                if status != Status.MET
                else "",
            )
        return out


@checks.register_check
class CriticalSystemsBackedUp(CheckType):
    """Availability is guaranteed by backups and recovery (Parigi Moutong Pasal 27 ayat (4)): every
    application in service that holds LIMITED or CLOSED data has an active backup plan (naming it or
    its server) proven by a successful restore drill within the plan's own period."""

    name = "critical_systems_backed_up"
    label = gettext_lazy("Sistem yang memuat data terbatas/tertutup dicadangkan dan teruji pulih")
    depends_on = (
        "applications.Application",
        "datasets.Dataset",
        "infrastructure.BackupPlan",
        "infrastructure.RestoreTest",
    )
    param_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            key = f"security:systems:{subject.government.pk}"
            if key not in ctx:
                ctx[key] = selectors.guarded_systems(subject.government)
            ids = _ids(subject, ctx)
            mine = [s for s in ctx[key] if ids is None or s.agency_id in ids]
            out[subject.key] = self.outcome(mine)
        return out

    def outcome(self, systems) -> Outcome:
        if not systems:
            return Outcome(
                Status.NOT_APPLICABLE,
                msg(gettext_noop("Tidak ada aplikasi beroperasi yang memuat data terbatas atau tertutup.")),
            )
        today = timezone.localdate()
        unplanned, unproven = [], []
        for system in systems:
            if not system.plans:
                unplanned.append(system.name)
            elif not any(
                tested and tested >= today - datetime.timedelta(days=round(months * 30.44))
                for _name, months, tested in system.plans
            ):
                unproven.append(system.name)
        evidence = [
            {"label": gettext_lazy("Rencana pencadangan"), "url": reverse("infrastructure:backupplan_list")},
            {"label": gettext_lazy("Uji pemulihan"), "url": reverse("infrastructure:restoretest_list")},
        ]
        if not unplanned and not unproven:
            return Outcome(
                Status.MET,
                msg(
                    gettext_noop(
                        "%(n)d aplikasi yang memuat data terbatas/tertutup dicadangkan dan teruji pulih."
                    ),
                    n=len(systems),
                ),
                evidence,
            )
        bad = len(unplanned) + len(unproven)
        return Outcome(
            Status.UNMET if bad == len(systems) else Status.PARTLY_MET,
            msg(
                gettext_noop(
                    "%(bad)d dari %(n)d aplikasi yang memuat data terbatas/tertutup belum terjamin: tanpa rencana pencadangan: %(none)s; belum teruji pulih dalam periodenya: %(old)s."
                ),
                bad=bad,
                n=len(systems),
                none=_names(unplanned) or "-",
                old=_names(unproven) or "-",
            ),
            evidence,
            next_step=msg(
                gettext_noop("Susun rencana pencadangan untuk aplikasi tersebut dan lakukan uji pemulihan.")
            ),
        )


@checks.register_check
class ClassificationReviewed(CheckType):
    """Confidentiality through classification (Parigi Moutong Pasal 27 ayat (2); Sigi Pasal 18 ayat
    (3)): every collected dataset and every application in service of the subject carries a current
    classification decision under the government's policy (with its reason), the level it has now,
    and a review date not yet passed."""

    name = "classification_reviewed"
    label = gettext_lazy("Klasifikasi data diputuskan dengan alasan dan ditinjau berkala")
    depends_on = (
        "security.ClassificationPolicy",
        "security.ClassificationDecision",
        "datasets.Dataset",
        "applications.Application",
    )
    param_schema = {"type": "object", "additionalProperties": False, "properties": {}}

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            key = f"security:classification:{subject.government.pk}"
            if key not in ctx:
                ctx[key] = selectors.classification_state(subject.government)
            has_policy, rows = ctx[key]
            ids = _ids(subject, ctx)
            mine = [r for r in rows if ids is None or r[1] in ids]
            out[subject.key] = self.outcome(has_policy, mine)
        return out

    def outcome(self, has_policy, rows) -> Outcome:
        evidence = [
            {
                "label": gettext_lazy("Tinjauan klasifikasi data"),
                "url": reverse("security:classificationdecision_list") + "?current=true&due=soon",
            }
        ]
        if not has_policy:
            return Outcome(
                Status.UNMET,
                msg(gettext_noop("Kebijakan klasifikasi data belum ditetapkan.")),
                evidence,
                next_step=msg(gettext_noop("Dinas Kominfo menetapkan kebijakan klasifikasi dan alasannya.")),
            )
        if not rows:
            return Outcome(
                Status.NOT_APPLICABLE, msg(gettext_noop("Belum ada dataset atau aplikasi yang beroperasi."))
            )
        undecided = [name for name, _agency, state in rows if state == "none"]
        changed = [name for name, _agency, state in rows if state == "changed"]
        overdue = [name for name, _agency, state in rows if state == "overdue"]
        bad = len(undecided) + len(changed) + len(overdue)
        if not bad:
            return Outcome(
                Status.MET,
                msg(
                    gettext_noop(
                        "Klasifikasi %(n)d dataset dan aplikasi diputuskan dengan alasan dan masih berlaku."
                    ),
                    n=len(rows),
                ),
                evidence,
            )
        return Outcome(
            Status.UNMET if bad == len(rows) else Status.PARTLY_MET,
            msg(
                gettext_noop(
                    "%(bad)d dari %(n)d belum sesuai: tanpa keputusan: %(none)s; diubah tanpa keputusan: %(changed)s; lewat tanggal tinjauan: %(overdue)s."
                ),
                bad=bad,
                n=len(rows),
                none=_names(undecided) or "-",
                changed=_names(changed) or "-",
                overdue=_names(overdue) or "-",
            ),
            evidence,
            next_step=msg(
                gettext_noop(
                    "Walidata memutuskan atau meninjau klasifikasi di tab Klasifikasi dataset/aplikasi."
                )
            ),
        )


def register_evidence() -> None:
    checks.register_evidence_kind(
        EvidenceKind(
            name="certificate_monitoring",
            label=gettext_lazy("pemantauan sertifikat elektronik"),
            model="security.CertificateMonitoring",
            date_field="date",
            agency_field="agency",
            list_url_name="security:certificatemonitoring_list",
        )
    )
    checks.register_evidence_kind(
        EvidenceKind(
            name="risk_assessment",
            label=gettext_lazy("identifikasi kerentanan dan penilaian risiko"),
            model="security.SecurityServiceRequest",
            date_field="done_date",
            agency_field="agency",
            filter={"status": ServiceRequestStatus.DONE, "kind__code": "vulnerability-assessment"},
            list_url_name="security:securityservicerequest_list",
        )
    )
