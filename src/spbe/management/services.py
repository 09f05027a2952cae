"""Management workflows. Each owns its transaction, raises DomainError with a message for the
user, and records an audit event (docs/management.md).

Service desk (Parigi Moutong Pasal 42 ayat (7)-(11)): a user, or the agency's tier 1 on a user's
behalf, opens a ticket; tier 1 responds, asks the requester (the clock pauses), resolves, or
escalates to tier 2 in the ICT office with a reason; tier 2 resolves; the requester closes it with
a satisfaction rating or reopens it. Every step is an event; the SLA clock is computed again from
all events after each step (sla.compute), so a rule or priority change never loses paused time.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from spbe.core import approvals, audit, permissions
from spbe.core.errors import DomainError
from spbe.org.choices import Role

from . import sla
from .choices import (
    OPEN_PROBLEM_STATUSES,
    OPEN_STATUSES,
    ApprovalState,
    ArticleStatus,
    CalendarDayKind,
    ChangeKind,
    ChangeStage,
    RegisterStatus,
    RiskType,
    TicketChannel,
    TicketEventKind,
    TicketKind,
    TicketPriority,
    TicketStatus,
    TicketTier,
)
from .models import (
    CalendarDay,
    ChangeRequest,
    KnowledgeArticle,
    KnowledgeArticleVersion,
    Problem,
    Risk,
    RiskContext,
    ServiceLevel,
    Ticket,
    TicketEvent,
)

MIN_REASON = 10

# --- the calendar -----------------------------------------------------------------------------


def calendar_load(*, year: int) -> int:
    """National holidays (the `holidays` package) and collective leave (data/collective_leave.yaml)
    of one year into the calendar; regional days already recorded are kept. Returns days added."""
    wanted: dict[datetime.date, tuple[str, str, str]] = {}
    for day, name in sla.national_holidays(year).items():
        wanted[day] = (CalendarDayKind.NATIONAL, name, "python-holidays (Indonesia, hari libur nasional)")
    leave = sla.collective_leave().get(year, {})
    for day, name in (leave.get("days") or {}).items():
        day = day if isinstance(day, datetime.date) else datetime.date.fromisoformat(str(day))
        wanted.setdefault(day, (CalendarDayKind.COLLECTIVE, name, leave.get("source", "")))
    existing = set(CalendarDay._base_manager.filter(date__in=list(wanted)).values_list("date", flat=True))
    new = [
        CalendarDay(date=day, kind=kind, name=name[:200], source=source[:300])
        for day, (kind, name, source) in sorted(wanted.items())
        if day not in existing
    ]
    CalendarDay.objects.bulk_create(new)
    return len(new)


def calendar_load_current() -> str:
    """Scheduled: the current and the next year are always in the calendar."""
    year = timezone.localdate().year
    added = calendar_load(year=year) + calendar_load(year=year + 1)
    return f"{added} hari libur ditambahkan"


def working_calendar(start: datetime.date | None = None) -> sla.Calendar:
    """Business hours from data/sla.yaml and the closed days of the calendar (from two years back)."""
    start = start or (timezone.localdate() - datetime.timedelta(days=730))
    closed = frozenset(CalendarDay._base_manager.filter(date__gte=start).values_list("date", flat=True))
    return sla.Calendar(hours=sla.business_hours(), closed=closed, tz=timezone.get_default_timezone())


def targets_for(service_id) -> dict[str, tuple[int, int]]:
    """priority -> (response, resolution) business seconds: the service's levels, else the
    default levels recorded for every service, else data/sla.yaml."""
    targets = sla.default_targets()
    rows = ServiceLevel._base_manager.filter(service__isnull=True)
    if service_id:
        rows = rows | ServiceLevel._base_manager.filter(service_id=service_id)
    for row in sorted(rows, key=lambda r: r.service_id is not None):  # the service's own win
        targets[row.priority] = (row.response_minutes * 60, row.resolution_minutes * 60)
    return targets


# --- tickets ----------------------------------------------------------------------------------


def _agency_of(user):
    from spbe.org.models import Person

    person = Person._base_manager.filter(user=user).select_related("agency").first()
    return person.agency if person else None


def is_tier1(user, agency) -> bool:
    return permissions.holds_role(user, Role.SERVICE_DESK_TIER1, agency)


def is_tier2(user) -> bool:
    return permissions.holds_role(user, Role.SERVICE_DESK_TIER2, None) or permissions.holds_role(
        user, Role.ICT_ADMIN, None
    )


def may_handle(user, ticket: Ticket) -> bool:
    """Tier 1 of the ticket's agency while it is at tier 1; tier 2 (and the ICT office admin, who
    supervises both tiers: ayat (11)) always."""
    if is_tier2(user):
        return True
    return ticket.tier == TicketTier.TIER1 and is_tier1(user, ticket.agency)


def is_requester(user, ticket: Ticket) -> bool:
    return user.pk == ticket.requester_id


def _next_number(now) -> str:
    prefix = f"TK-{now:%Y}-"
    last = Ticket._base_manager.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{n:06d}"


def _event(ticket, kind, user, *, at=None, note="", priority=""):
    return TicketEvent.objects.create(
        ticket=ticket,
        at=at or timezone.now(),
        kind=kind,
        actor=user,
        note=note,
        priority=priority,
        created_by=user,
    )


def ticket_open(
    *,
    user,
    title: str,
    description: str,
    kind: str,
    priority: str = TicketPriority.MEDIUM,
    service=None,
    requester=None,
    agency=None,
    channel: str = "",
    at=None,
) -> Ticket:
    """A user opens a ticket for their own agency; tier 1 may open one for a user of its agency,
    tier 2 for anyone. Pages, the API and the mail gateway all come here (the same rules)."""
    requester = requester or user
    own_agency = _agency_of(requester)
    agency = agency or own_agency
    _validate_open(user, requester, agency, own_agency, title=title, description=description, kind=kind)
    if priority not in TicketPriority.values:
        raise DomainError(_("Prioritas tidak dikenal."))
    if service is not None and not _service_visible(user, service):
        raise DomainError(_("Layanan SPBE itu tidak ada di katalog yang dapat Anda lihat."))
    channel = channel or (TicketChannel.WEB if requester.pk == user.pk else TicketChannel.TIER1)
    now = at or timezone.now()
    with transaction.atomic():
        ticket = Ticket.objects.create(
            agency=agency,
            number=_next_number(now),
            kind=kind,
            title=title.strip(),
            description=description.strip(),
            service=service,
            priority=priority,
            channel=channel,
            requester=requester,
            opened_at=now,
            created_by=user,
        )
        _event(ticket, TicketEventKind.OPENED, user, at=now, priority=priority)
        ticket_recompute(ticket=ticket, now=now)
        audit.record_event("management.ticket.opened", ticket)
    return ticket


def _validate_open(user, requester, agency, own_agency, *, title, description, kind) -> None:
    if agency is None:
        raise DomainError(_("Akun pelapor tidak terhubung dengan data pegawai perangkat daerah mana pun."))
    if not permissions.roles_of(user):
        raise DomainError(_("Anda belum memegang peran apa pun di platform."), code="forbidden")
    if not requester.is_active:
        raise DomainError(_("Akun pelapor tidak aktif."))
    if requester.pk != user.pk and not (is_tier1(user, agency) or is_tier2(user)):
        raise DomainError(
            _("Hanya service desk yang dapat mencatat tiket atas nama pengguna lain."), code="forbidden"
        )
    if own_agency is not None and agency.pk != own_agency.pk and not is_tier2(user):
        raise DomainError(
            _(
                "Tiket dicatat untuk perangkat daerah tempat pelapor bekerja; hanya tier 2 yang dapat memilih PD lain."
            ),
            code="forbidden",
        )
    if not (title or "").strip() or not (description or "").strip():
        raise DomainError(_("Judul dan uraian wajib diisi."))
    if len(title.strip()) > 200:
        raise DomainError(_("Judul paling panjang 200 huruf."))
    if kind not in TicketKind.values:
        raise DomainError(_("Jenis tiket tidak dikenal: pilih gangguan atau permintaan layanan."))


def _service_visible(user, service) -> bool:
    from django.apps import apps

    model = apps.get_model("planning", "Service")
    return model.objects.restrict(user).filter(pk=service.pk).exists()


def _locked(ticket: Ticket) -> Ticket:
    return Ticket._base_manager.select_for_update().select_related("agency").get(pk=ticket.pk)


def _require_handler(user, ticket):
    if not may_handle(user, ticket):
        raise DomainError(
            _(
                "Hanya service desk tier 1 PD pelapor (atau tier 2 setelah eskalasi) yang dapat menangani tiket ini."
            ),
            code="forbidden",
        )


def _require_open(ticket):
    if ticket.status not in OPEN_STATUSES:
        raise DomainError(_("Tiket ini sudah %(status)s.") % {"status": ticket.get_status_display().lower()})


def _reason(text, what) -> str:
    text = (text or "").strip()
    if len(text) < MIN_REASON:
        raise DomainError(
            _("%(what)s wajib diisi (paling sedikit %(n)d huruf).") % {"what": what, "n": MIN_REASON}
        )
    return text


def _step(ticket: Ticket, user, kind: str, *, status=None, note="", at=None, priority="", code="") -> Ticket:
    now = at or timezone.now()
    if status is not None:
        ticket.status = status
    _event(ticket, kind, user, at=now, note=note, priority=priority)
    ticket.version += 1
    ticket.save()
    ticket_recompute(ticket=ticket, now=now)
    audit.record_event(code or f"management.ticket.{kind}", ticket, message=note)
    return ticket


def ticket_respond(*, ticket: Ticket, user, note: str, at=None) -> Ticket:
    """The handler answers (the first answer stops the response clock)."""
    with transaction.atomic():
        ticket = _locked(ticket)
        _require_handler(user, ticket)
        _require_open(ticket)
        note = _reason(note, _("Tanggapan"))
        status = TicketStatus.IN_PROGRESS if ticket.status == TicketStatus.NEW else None
        return _step(ticket, user, TicketEventKind.RESPONDED, status=status, note=note, at=at)


def ticket_wait(*, ticket: Ticket, user, note: str, at=None) -> Ticket:
    """Ask the requester something: the clock stops until the requester answers."""
    with transaction.atomic():
        ticket = _locked(ticket)
        _require_handler(user, ticket)
        if ticket.status not in (TicketStatus.NEW, TicketStatus.IN_PROGRESS):
            raise DomainError(_("Tiket ini tidak sedang ditangani."))
        note = _reason(note, _("Pertanyaan kepada pelapor"))
        return _step(ticket, user, TicketEventKind.WAITING, status=TicketStatus.WAITING, note=note, at=at)


def ticket_resume(*, ticket: Ticket, user, note: str = "", at=None) -> Ticket:
    """The requester answers (or the handler resumes): the clock runs again."""
    with transaction.atomic():
        ticket = _locked(ticket)
        if not (is_requester(user, ticket) or may_handle(user, ticket)):
            raise DomainError(
                _("Hanya pelapor atau penangan tiket yang dapat melanjutkannya."), code="forbidden"
            )
        if ticket.status != TicketStatus.WAITING:
            raise DomainError(_("Tiket ini tidak sedang menunggu pelapor."))
        return _step(
            ticket,
            user,
            TicketEventKind.RESUMED,
            status=TicketStatus.IN_PROGRESS,
            note=(note or "").strip(),
            at=at,
        )


def ticket_change_priority(*, ticket: Ticket, user, priority: str, note: str, at=None) -> Ticket:
    """A new priority takes the target of that priority; the time already spent counts."""
    with transaction.atomic():
        ticket = _locked(ticket)
        _require_handler(user, ticket)
        _require_open(ticket)
        if priority not in TicketPriority.values:
            raise DomainError(_("Prioritas tidak dikenal."))
        if priority == ticket.priority:
            raise DomainError(_("Prioritasnya sudah %(p)s.") % {"p": ticket.get_priority_display()})
        note = _reason(note, _("Alasan perubahan prioritas"))
        ticket.priority = priority
        return _step(ticket, user, TicketEventKind.PRIORITY, note=note, at=at, priority=priority)


def ticket_escalate(*, ticket: Ticket, user, reason: str, at=None) -> Ticket:
    """Tier 1 cannot solve it: to tier 2 in the ICT office, with the reason (ayat (9))."""
    with transaction.atomic():
        ticket = _locked(ticket)
        if ticket.tier != TicketTier.TIER1:
            raise DomainError(_("Tiket ini sudah di tier 2."))
        _require_handler(user, ticket)
        _require_open(ticket)
        reason = _reason(reason, _("Alasan eskalasi"))
        now = at or timezone.now()
        ticket.tier = TicketTier.TIER2
        ticket.escalated_at = now
        ticket.escalation_reason = reason
        if ticket.status == TicketStatus.NEW:
            ticket.status = TicketStatus.IN_PROGRESS
        _step(ticket, user, TicketEventKind.ESCALATED, note=reason, at=now)
    transaction.on_commit(lambda: _notify_tier2(ticket))
    return ticket


def _notify_tier2(ticket: Ticket) -> None:
    from spbe.core import notifications

    users = permissions.role_holders(Role.SERVICE_DESK_TIER2, None)
    notifications.notify(
        users,
        _("Tiket dieskalasi ke tier 2: %(ticket)s") % {"ticket": str(ticket)},
        url=ticket.get_absolute_url(),
        body=ticket.escalation_reason,
        key=f"ticket-escalated:{ticket.pk}",
    )


def ticket_resolve(*, ticket: Ticket, user, resolution: str, at=None) -> Ticket:
    with transaction.atomic():
        ticket = _locked(ticket)
        _require_handler(user, ticket)
        _require_open(ticket)
        resolution = _reason(resolution, _("Penyelesaian"))
        now = at or timezone.now()
        ticket.resolution = resolution
        ticket.resolved_at = now
        return _step(
            ticket, user, TicketEventKind.RESOLVED, status=TicketStatus.RESOLVED, note=resolution, at=now
        )


def ticket_close(*, ticket: Ticket, user, rating: int, comment: str = "", at=None) -> Ticket:
    """The requester confirms the resolution and rates the service (1-5)."""
    with transaction.atomic():
        ticket = _locked(ticket)
        if not is_requester(user, ticket):
            raise DomainError(_("Hanya pelapor yang dapat menutup dan menilai tiketnya."), code="forbidden")
        if ticket.status != TicketStatus.RESOLVED:
            raise DomainError(_("Tiket dapat ditutup setelah diselesaikan."))
        try:
            rating = int(rating)
        except (TypeError, ValueError):
            rating = 0
        if not 1 <= rating <= 5:
            raise DomainError(_("Nilai kepuasan wajib diisi: 1 sampai 5."))
        now = at or timezone.now()
        ticket.rating = rating
        ticket.rating_comment = (comment or "").strip()
        ticket.closed_at = now
        return _step(
            ticket,
            user,
            TicketEventKind.CLOSED,
            status=TicketStatus.CLOSED,
            note=ticket.rating_comment,
            at=now,
        )


def ticket_reopen(*, ticket: Ticket, user, reason: str, at=None) -> Ticket:
    """The requester reopens a resolved ticket that is not solved: the clock runs on from where it stopped."""
    with transaction.atomic():
        ticket = _locked(ticket)
        if not is_requester(user, ticket):
            raise DomainError(_("Hanya pelapor yang dapat membuka kembali tiketnya."), code="forbidden")
        if ticket.status != TicketStatus.RESOLVED:
            raise DomainError(
                _("Hanya tiket yang selesai ditangani (belum ditutup) yang dapat dibuka kembali.")
            )
        reason = _reason(reason, _("Alasan membuka kembali"))
        ticket.resolved_at = None
        return _step(
            ticket, user, TicketEventKind.REOPENED, status=TicketStatus.IN_PROGRESS, note=reason, at=at
        )


def ticket_comment(*, ticket: Ticket, user, note: str, at=None) -> Ticket:
    with transaction.atomic():
        ticket = _locked(ticket)
        if not (is_requester(user, ticket) or may_handle(user, ticket)):
            raise DomainError(
                _("Hanya pelapor atau penangan tiket yang dapat menulis catatan."), code="forbidden"
            )
        note = _reason(note, _("Catatan"))
        return _step(ticket, user, TicketEventKind.COMMENT, note=note, at=at)


def ticket_link_problem(*, ticket: Ticket, user, problem, at=None) -> Ticket:
    """Link an incident to the problem behind it (ITIL problem management), or unlink it
    (problem None). The ticket's handlers decide; the problem must be one they can see and still open."""
    with transaction.atomic():
        ticket = _locked(ticket)
        _require_handler(user, ticket)
        if problem is None:
            if ticket.problem_id is None:
                raise DomainError(_("Tiket ini belum dikaitkan dengan masalah apa pun."))
            note = ""
        else:
            _check_problem(ticket, user, problem)
            note = problem.title
        ticket.problem = problem
        return _step(
            ticket,
            user,
            TicketEventKind.PROBLEM,
            note=note,
            at=at,
            code="management.ticket.problem_linked" if problem else "management.ticket.problem_unlinked",
        )


def _check_problem(ticket: Ticket, user, problem: Problem) -> None:
    if ticket.kind != TicketKind.INCIDENT:
        raise DomainError(_("Hanya tiket gangguan (insiden) yang dikaitkan dengan masalah."))
    if not Problem.objects.restrict(user).filter(pk=problem.pk).exists():
        raise DomainError(_("Masalah itu tidak dapat Anda lihat."), code="forbidden")
    if problem.status not in OPEN_PROBLEM_STATUSES:
        raise DomainError(_("Masalah itu sudah diselesaikan atau ditutup; catat masalah baru."))
    if ticket.problem_id == problem.pk:
        raise DomainError(_("Tiket ini sudah dikaitkan dengan masalah itu."))


def clock_for(ticket: Ticket, *, now=None, calendar=None, targets=None, events=None) -> sla.Clock:
    events = events if events is not None else list(ticket.events.all().order_by("at", "id"))
    return sla.compute(
        [sla.Event(e.at, e.kind, e.priority) for e in events],
        targets or targets_for(ticket.service_id),
        calendar or working_calendar(),
        now or timezone.now(),
    )


def ticket_recompute(*, ticket: Ticket, now=None, calendar=None, targets=None) -> sla.Clock:
    """The SLA columns of the ticket from its whole event history, as the rules are now."""
    clock = clock_for(ticket, now=now, calendar=calendar, targets=targets)
    values = {
        "responded_at": clock.responded_at,
        "response_due": clock.response_due,
        "resolution_due": clock.resolution_due,
        "response_breached": clock.response_breached,
        "resolution_breached": clock.resolution_breached,
        "paused_minutes": clock.paused_seconds // 60,
    }
    if any(getattr(ticket, k) != v for k, v in values.items()):
        Ticket._base_manager.filter(pk=ticket.pk).update(**values)
        for k, v in values.items():
            setattr(ticket, k, v)
    return clock


def tickets_refresh() -> str:
    """Scheduled: the open tickets' clocks, e.g. after a rule or the calendar changed."""
    calendar = working_calendar()
    count = 0
    for ticket in Ticket._base_manager.filter(status__in=OPEN_STATUSES).iterator(chunk_size=500):
        ticket_recompute(ticket=ticket, calendar=calendar)
        count += 1
    return f"{count} tiket dihitung ulang"


# --- the risk register -------------------------------------------------------------------------


def record_risk(
    *,
    context: RiskContext,
    user,
    code: str,
    category: str,
    event: str,
    cause: str,
    consequence: str,
    impact_area: str,
    likelihood: int,
    impact: int,
    risk_type: str = RiskType.NEGATIVE,
    controls: str = "",
    source: str = "",
) -> Risk:
    """Record one identified risk in a unit's register, for another module (security registers its
    vulnerability findings here): only by whoever may change the register, only while it is a
    draft (a submitted or approved register is what its head decided on), scored by the register's
    own rules. `source` names where the risk came from in the audit event."""
    if not permissions.can(user, context, permissions.CHANGE):
        raise DomainError(_("Anda tidak berwenang mengubah register risiko ini."), code="forbidden")
    with transaction.atomic():
        # Locked: a register being submitted at this moment does not take a risk after its head saw it.
        context = RiskContext._base_manager.select_for_update().get(pk=context.pk)
        if context.status in (RegisterStatus.SUBMITTED, RegisterStatus.APPROVED):
            raise DomainError(
                _(
                    "Konteks risiko: register %(context)s sudah diajukan atau disetujui; pilih register yang masih konsep."
                )
                % {"context": context},
                code="invalid",
            )
        risk = Risk(
            context=context,
            code=code,
            risk_type=risk_type,
            category=category,
            event=event,
            cause=cause,
            consequence=consequence,
            impact_area=impact_area,
            controls=controls,
            likelihood=likelihood,
            impact=impact,
            created_by=user,
        )
        try:
            risk.full_clean()
        except ValidationError as error:
            raise DomainError(" ".join(error.messages), code="invalid") from error
        risk.save()
        audit.record_event("management.risk.recorded", risk, message=source)
    return risk


# --- risk register approval -------------------------------------------------------------------


def _risk_register(status):
    def apply(request) -> None:
        context = RiskContext._base_manager.select_for_update().get(pk=request.object_id)
        context.status = status
        context.version += 1
        context.save()
        audit.record_event(f"management.risk_register.{status}", context)

    return apply


RISK_REGISTER_FLOW = approvals.ApprovalFlow(
    kind="management.risk_register",
    label=gettext_lazy("Persetujuan register risiko SPBE oleh pemilik risiko"),
    steps=(approvals.ApprovalStep(role=Role.AGENCY_HEAD, label=gettext_lazy("Kepala PD"), scope="owner"),),
    on_approved=_risk_register(RegisterStatus.APPROVED),
    on_rejected=_risk_register(RegisterStatus.REJECTED),
    on_returned=_risk_register(RegisterStatus.DRAFT),
    on_resubmitted=_risk_register(RegisterStatus.SUBMITTED),
)


def risk_register_submit(*, context: RiskContext, user, note: str = ""):
    if not permissions.can(user, context, permissions.CHANGE):
        raise DomainError(_("Anda tidak berwenang mengajukan register risiko ini."), code="forbidden")
    if not context.risks.exists():
        raise DomainError(_("Register risiko belum memuat risiko apa pun."))
    with transaction.atomic():
        request = approvals.approval_submit(
            target=context, kind=RISK_REGISTER_FLOW.kind, user=user, agency=context.agency, note=note
        )
        RiskContext._base_manager.filter(pk=context.pk).update(status=RegisterStatus.SUBMITTED)
        audit.record_event("management.risk_register.submitted", context, message=note)
    return request


# --- change requests --------------------------------------------------------------------------


def _change_approval(state):
    def apply(request) -> None:
        change = ChangeRequest._base_manager.select_for_update().get(pk=request.object_id)
        change.approval = state
        change.version += 1
        change.save()
        audit.record_event(f"management.change.{state}", change)

    return apply


CHANGE_FLOW = approvals.ApprovalFlow(
    kind="management.change",
    label=gettext_lazy("Persetujuan perubahan SPBE oleh Dinas Kominfo"),
    steps=(approvals.ApprovalStep(role=Role.ICT_ADMIN, label=gettext_lazy("Dinas Kominfo")),),
    on_approved=_change_approval(ApprovalState.APPROVED),
    on_rejected=_change_approval(ApprovalState.REJECTED),
    on_returned=_change_approval(ApprovalState.NONE),
    on_resubmitted=_change_approval(ApprovalState.PENDING),
)
STAGES = list(ChangeStage.values)


def change_submit(*, change: ChangeRequest, user, note: str = ""):
    if not permissions.can(user, change, permissions.CHANGE):
        raise DomainError(_("Anda tidak berwenang mengajukan perubahan ini."), code="forbidden")
    if change.kind == ChangeKind.STANDARD:
        raise DomainError(_("Perubahan standar sudah disetujui sebelumnya; tidak perlu diajukan."))
    with transaction.atomic():
        request = approvals.approval_submit(
            target=change, kind=CHANGE_FLOW.kind, user=user, agency=change.agency, note=note
        )
        ChangeRequest._base_manager.filter(pk=change.pk).update(approval=ApprovalState.PENDING)
    return request


def change_advance(*, change: ChangeRequest, user) -> ChangeRequest:
    """On to the next stage of Pasal 41 ayat (2). A normal change is implemented only once
    approved; an emergency change may be implemented first, but is not closed before approval."""
    with transaction.atomic():
        change = ChangeRequest._base_manager.select_for_update().get(pk=change.pk)
        if not permissions.can(user, change, permissions.CHANGE):
            raise DomainError(_("Anda tidak berwenang mengubah perubahan ini."), code="forbidden")
        if change.stage == ChangeStage.CLOSED:
            raise DomainError(_("Perubahan ini sudah selesai."))
        target = STAGES[STAGES.index(change.stage) + 1]
        approved = change.kind == ChangeKind.STANDARD or change.approval == ApprovalState.APPROVED
        if target == ChangeStage.IMPLEMENTATION and change.kind == ChangeKind.NORMAL and not approved:
            raise DomainError(_("Perubahan normal diimplementasikan setelah disetujui Dinas Kominfo."))
        if target == ChangeStage.CLOSED and not approved:
            raise DomainError(_("Perubahan belum disetujui Dinas Kominfo; belum dapat diselesaikan."))
        if target == ChangeStage.CLOSED and not change.review.strip():
            raise DomainError(_("Isi kajian pascaimplementasi sebelum perubahan diselesaikan."))
        change.stage = target
        change.version += 1
        change.save()
        audit.record_event("management.change.advanced", change, message=target)
    return change


# --- knowledge base ---------------------------------------------------------------------------


def article_submit(*, article: KnowledgeArticle, user) -> KnowledgeArticle:
    with transaction.atomic():
        article = KnowledgeArticle._base_manager.select_for_update().get(pk=article.pk)
        if not permissions.can(user, article, permissions.CHANGE):
            raise DomainError(_("Anda tidak berwenang mengubah artikel ini."), code="forbidden")
        if article.status not in (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED):
            raise DomainError(_("Artikel ini tidak dapat diajukan untuk ditinjau sekarang."))
        article.status = ArticleStatus.REVIEW
        article.version += 1
        article.save()
        audit.record_event("management.article.submitted", article)
    return article


def article_publish(*, article: KnowledgeArticle, user) -> KnowledgeArticle:
    """The reviewer (another person who may change it) publishes: the text becomes version n+1."""
    with transaction.atomic():
        article = KnowledgeArticle._base_manager.select_for_update().get(pk=article.pk)
        if not permissions.can(user, article, permissions.CHANGE):
            raise DomainError(_("Anda tidak berwenang menerbitkan artikel ini."), code="forbidden")
        if article.status != ArticleStatus.REVIEW:
            raise DomainError(_("Artikel diterbitkan setelah ditinjau."))
        article.revision += 1
        article.status = ArticleStatus.PUBLISHED
        article.published_at = timezone.now()
        article.version += 1
        article.save()
        KnowledgeArticleVersion.objects.create(
            article=article,
            number=article.revision,
            title=article.title,
            body=article.body,
            published_by=user,
            created_by=user,
        )
        audit.record_event("management.article.published", article, message=str(article.revision))
    return article


def article_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Line differences as (mark, line): "+" added, "-" removed, " " the same."""
    import difflib

    out = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line.startswith("? "):
            continue
        out.append((line[:1], line[2:]))
    return out
