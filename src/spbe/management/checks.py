"""The compliance checks and evidence kinds of SPBE management (docs/regulations/check-types.md).

- tickets_escalated (Parigi Moutong Pasal 42 ayat (9)): tier 1 passes on what it cannot solve;
  the evidence is the agency's tickets still at tier 1 past their resolution target.
- risk_register_kept (Pasal 35): an approved risk register of the year (or the last), and a
  treatment plan for every risk the appetite says to treat.
- changes_managed (Pasal 41): changes recorded in the last 12 months, none of the normal ones
  implemented without the ICT office's approval.
- knowledge_base_used (Pasal 40): an article published, or a knowledge transfer recorded, in the
  last 12 months.
- ict_staff_developed (Pasal 39; Sigi Pasal 9, Kutai Barat Pasal 11, Pangkep Pasal 19): ICT staff
  recorded, a development record in the last 12 months, and no competency gap.
Each check reads a whole government in a handful of queries.
"""

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.core import checks
from spbe.core.checks import CheckType, EvidenceKind, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.selectors import subtree_map

from .choices import (
    OPEN_STATUSES,
    TRAINING_KINDS,
    ApprovalState,
    ArticleStatus,
    ChangeKind,
    ChangeStage,
    RegisterStatus,
    TicketTier,
)
from .models import (
    ChangeRequest,
    Competency,
    CompetencyNeed,
    DevelopmentRecord,
    IctStaff,
    KnowledgeArticle,
    KnowledgeTransfer,
    Risk,
    RiskContext,
    RiskTreatment,
    Ticket,
)

NO_PARAMS = {"type": "object", "additionalProperties": False, "properties": {}}
NAMED = 5


def _tree(ctx):
    if "management_tree" not in ctx:
        ctx["management_tree"] = subtree_map()
    return ctx["management_tree"]


def _ids(subject, ctx) -> list[int]:
    return _tree(ctx).get(subject.agency.pk, [subject.agency.pk])


def _list(url_name: str, label, subject, extra: str = "") -> list[dict]:
    query = f"?agency={subject.agency.pk}" if subject.agency is not None else ""
    if extra:
        query = f"{query}&{extra}" if query else f"?{extra}"
    return [{"label": label, "url": reverse(url_name) + query}]


def _by_agency(rows) -> dict:
    out: dict = {}
    for agency_id, value in rows:
        out.setdefault(agency_id, []).append(value)
    return out


def _gather(by_agency: dict, subject, ctx) -> list:
    if subject.agency is None:
        return [v for values in by_agency.values() for v in values]
    return [v for a in _ids(subject, ctx) for v in by_agency.get(a, [])]


@checks.register_check
class TicketsEscalated(CheckType):
    name = "tickets_escalated"
    label = gettext_lazy("Tiket yang tidak terselesaikan tier 1 dieskalasi ke tier 2")
    depends_on = ("management.Ticket",)
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        government = subjects[0].government if subjects else None
        now = timezone.now()
        tickets = Ticket._base_manager.filter(agency__government=government)
        late = _by_agency(
            tickets.filter(status__in=OPEN_STATUSES, tier=TicketTier.TIER1)
            .filter(Q(resolution_due__lt=now) | Q(resolution_breached=True))
            .order_by("resolution_due", "id")
            .values_list("agency_id", "number")
        )
        counted = _by_agency(tickets.values_list("agency_id", "id"))
        escalated = _by_agency(tickets.filter(tier=TicketTier.TIER2).values_list("agency_id", "id"))
        out = {}
        for subject in subjects:
            evidence = _list("management:ticket_list", gettext_lazy("Tiket service desk"), subject)
            if not _gather(counted, subject, ctx):
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE,
                    msg(gettext_noop("Belum ada tiket service desk dari perangkat daerah ini.")),
                )
                continue
            stuck = _gather(late, subject, ctx)
            up = len(_gather(escalated, subject, ctx))
            if not stuck:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop(
                            "Tidak ada tiket tier 1 yang melewati target tanpa eskalasi; %(n)d tiket dieskalasi."
                        ),
                        n=up,
                    ),
                    evidence,
                )
                continue
            shown = stuck[:NAMED] + (
                [msg(gettext_noop("dan %(n)d lainnya"), n=len(stuck) - NAMED)] if len(stuck) > NAMED else []
            )
            out[subject.key] = Outcome(
                Status.PARTLY_MET if up else Status.UNMET,
                msg(
                    gettext_noop("%(n)d tiket masih di tier 1 melewati target penyelesaian: %(tickets)s."),
                    n=len(stuck),
                    tickets=shown,
                ),
                _list(
                    "management:ticket_list",
                    gettext_lazy("Tiket melewati target"),
                    subject,
                    "overdue=true&tier=1",
                ),
                next_step=msg(
                    gettext_noop(
                        "Selesaikan tiket itu atau eskalasi ke service desk tier 2 dengan alasannya."
                    )
                ),
            )
        return out


@checks.register_check
class RiskRegisterKept(CheckType):
    name = "risk_register_kept"
    label = gettext_lazy("Register risiko SPBE disetujui dan risikonya ditangani")
    depends_on = ("management.RiskContext", "management.Risk", "management.RiskTreatment")
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        government = subjects[0].government if subjects else None
        year = timezone.localdate().year
        contexts = RiskContext._base_manager.filter(agency__government=government, year__gte=year - 1)
        approved = _by_agency(contexts.filter(status=RegisterStatus.APPROVED).values_list("agency_id", "id"))
        any_context = _by_agency(contexts.values_list("agency_id", "id"))
        untreated = _by_agency(
            Risk._base_manager.filter(context__in=contexts, to_treat=True)
            .exclude(Exists(RiskTreatment._base_manager.filter(risk=OuterRef("pk"))))
            .values_list("context__agency_id", "code")
        )
        out = {}
        for subject in subjects:
            evidence = _list("management:risk_list", gettext_lazy("Register risiko"), subject)
            open_risks = _gather(untreated, subject, ctx)
            if not _gather(any_context, subject, ctx):
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada register risiko SPBE tahun %(y)d atau sebelumnya."), y=year),
                    evidence,
                    next_step=msg(
                        gettext_noop("Tetapkan konteks risiko unit pemilik risiko lalu catat risikonya.")
                    ),
                )
            elif not _gather(approved, subject, ctx) or open_risks:
                reason = (
                    msg(
                        gettext_noop(
                            "%(n)d risiko yang perlu ditangani belum punya rencana penanganan: %(codes)s."
                        ),
                        n=len(open_risks),
                        codes=open_risks[:NAMED],
                    )
                    if open_risks
                    else msg(gettext_noop("Register risiko belum disetujui pemilik risiko."))
                )
                out[subject.key] = Outcome(
                    Status.PARTLY_MET,
                    reason,
                    evidence,
                    next_step=msg(
                        gettext_noop(
                            "Susun rencana penanganan dan ajukan register untuk disetujui kepala PD."
                        )
                    ),
                )
            else:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop(
                            "Register risiko disetujui dan setiap risiko di atas selera risiko punya rencana penanganan."
                        )
                    ),
                    evidence,
                )
        return out


@checks.register_check
class ChangesManaged(CheckType):
    name = "changes_managed"
    label = gettext_lazy("Perubahan SPBE dikendalikan")
    depends_on = ("management.ChangeRequest",)
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        government = subjects[0].government if subjects else None
        since = timezone.localdate() - datetime.timedelta(days=365)
        recent = ChangeRequest._base_manager.filter(agency__government=government, planned_start__gte=since)
        recorded = _by_agency(recent.values_list("agency_id", "id"))
        unapproved = _by_agency(
            recent.filter(kind=ChangeKind.NORMAL)
            .exclude(approval=ApprovalState.APPROVED)
            .exclude(stage__in=[ChangeStage.PLANNING, ChangeStage.ANALYSIS, ChangeStage.DEVELOPMENT])
            .values_list("agency_id", "title")
        )
        out = {}
        for subject in subjects:
            evidence = _list("management:changerequest_list", gettext_lazy("Permintaan perubahan"), subject)
            bad = _gather(unapproved, subject, ctx)
            if not _gather(recorded, subject, ctx):
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada permintaan perubahan tercatat dalam 12 bulan terakhir.")),
                    evidence,
                    next_step=msg(gettext_noop("Catat setiap perubahan SPBE sebagai permintaan perubahan.")),
                )
            elif bad:
                out[subject.key] = Outcome(
                    Status.PARTLY_MET,
                    msg(
                        gettext_noop("Perubahan normal diimplementasikan tanpa persetujuan: %(titles)s."),
                        titles=bad[:NAMED],
                    ),
                    evidence,
                    next_step=msg(gettext_noop("Ajukan persetujuan Dinas Kominfo sebelum implementasi.")),
                )
            else:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("Perubahan tercatat dan disetujui sesuai jenisnya.")),
                    evidence,
                )
        return out


@checks.register_check
class KnowledgeBaseUsed(CheckType):
    name = "knowledge_base_used"
    label = gettext_lazy("Basis pengetahuan dipakai")
    depends_on = ("management.KnowledgeArticle", "management.KnowledgeTransfer")
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        government = subjects[0].government if subjects else None
        now = timezone.now()
        since = now - datetime.timedelta(days=365)
        published = _by_agency(
            KnowledgeArticle._base_manager.filter(
                agency__government=government, status=ArticleStatus.PUBLISHED, published_at__gte=since
            ).values_list("agency_id", "title")
        )
        # Alih pengetahuan (Pasal 40 ayat (2)) is the knowledge base in use as much as an article.
        transfers = _by_agency(
            KnowledgeTransfer._base_manager.filter(
                agency__government=government, date__gte=timezone.localdate() - datetime.timedelta(days=365)
            ).values_list("agency_id", "topic")
        )
        out = {}
        for subject in subjects:
            titles = _gather(published, subject, ctx)
            handed_on = _gather(transfers, subject, ctx)
            evidence = _list("management:knowledgearticle_list", gettext_lazy("Basis pengetahuan"), subject)
            evidence += _list("management:knowledgetransfer_list", gettext_lazy("Alih pengetahuan"), subject)
            if titles or handed_on:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop(
                            "%(n)d artikel terbit dan %(t)d alih pengetahuan tercatat dalam 12 bulan terakhir."
                        ),
                        n=len(titles),
                        t=len(handed_on),
                    ),
                    evidence,
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop(
                            "Tidak ada artikel pengetahuan yang terbit atau alih pengetahuan yang tercatat "
                            "dalam 12 bulan terakhir."
                        )
                    ),
                    evidence,
                    next_step=msg(
                        gettext_noop(
                            "Tulis, tinjau dan terbitkan pengetahuan SPBE, dan catat alih pengetahuan yang dilakukan."
                        )
                    ),
                )
        return out


@checks.register_check
class IctStaffDeveloped(CheckType):
    name = "ict_staff_developed"
    label = gettext_lazy("SDM TIK tersedia, dikembangkan dan memenuhi standar kompetensi")
    depends_on = (
        "management.IctStaff",
        "management.DevelopmentRecord",
        "management.Competency",
        "management.CompetencyNeed",
    )
    param_schema = NO_PARAMS

    def evaluate(self, obligation, subjects, ctx):
        government = subjects[0].government if subjects else None
        since = timezone.localdate() - datetime.timedelta(days=365)
        staff = _by_agency(
            IctStaff._base_manager.filter(agency__government=government).values_list("agency_id", "id")
        )
        developed = _by_agency(
            DevelopmentRecord._base_manager.filter(
                person__agency__government=government, start__gte=since
            ).values_list("person__agency_id", "id")
        )
        held: dict = {}
        for agency_id, standard_id, level in Competency._base_manager.filter(
            person__agency__government=government
        ).values_list("person__agency_id", "standard_id", "level"):
            held.setdefault((agency_id, standard_id), []).append(level)
        gaps = _by_agency(
            (need.agency_id, need.standard.code)
            for need in CompetencyNeed._base_manager.filter(agency__government=government).select_related(
                "standard"
            )
            if sum(1 for lv in held.get((need.agency_id, need.standard_id), []) if lv >= need.level)
            < need.required
        )
        out = {}
        for subject in subjects:
            evidence = _list("management:ictstaff_list", gettext_lazy("SDM TIK"), subject)
            if not _gather(staff, subject, ctx):
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada SDM TIK yang tercatat.")),
                    evidence,
                    next_step=msg(gettext_noop("Catat SDM TIK perangkat daerah dan kompetensinya.")),
                )
                continue
            missing = _gather(gaps, subject, ctx)
            trained = _gather(developed, subject, ctx)
            if missing or not trained:
                reason = (
                    msg(
                        gettext_noop("Kesenjangan kompetensi: %(codes)s."), codes=sorted(set(missing))[:NAMED]
                    )
                    if missing
                    else msg(gettext_noop("Tidak ada catatan pengembangan SDM TIK dalam 12 bulan terakhir."))
                )
                out[subject.key] = Outcome(
                    Status.PARTLY_MET,
                    reason,
                    evidence,
                    next_step=msg(
                        gettext_noop("Rencanakan bimtek, diklat atau sertifikasi untuk menutup kesenjangan.")
                    ),
                )
            else:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("SDM TIK tercatat, dikembangkan, dan memenuhi kebutuhan kompetensi.")),
                    evidence,
                )
        return out


checks.register_evidence_kind(
    EvidenceKind(
        "competency_assessment",
        gettext_lazy("asesmen kompetensi SDM TIK"),
        "management.Competency",
        "assessed_on",
        "person__agency",
        list_url_name="management:competency_list",
    )
)
checks.register_evidence_kind(
    EvidenceKind(
        "training",
        gettext_lazy("bimtek, diklat atau magang yang diselenggarakan Dinas Kominfo"),
        "management.DevelopmentRecord",
        "start",
        None,
        filter={"kind__in": list(TRAINING_KINDS), "by_ict_office": True},
        list_url_name="management:developmentrecord_list",
    )
)
checks.register_evidence_kind(
    EvidenceKind(
        "satisfaction_survey",
        gettext_lazy("penilaian kepuasan pengguna atas tiket service desk"),
        "management.Ticket",
        "closed_at",
        "agency",
        filter={"rating__isnull": False},
        list_url_name="management:ticket_list",
    )
)
