"""The compliance engine: evaluate obligations for subjects and keep the current status.

- A full run evaluates every obligation of the government's regulation for every subject and
  stores a summary per subject and group (the trend).
- A change to a record a check depends on re-evaluates only the affected obligations for the
  affected subjects, right after the change commits (`reevaluate_for_record`).
- An obligation checked by attestation, or whose check type (or its parameters) no installed
  module provides, is evaluated from attestations: never met without an accepted one.
"""

import time
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from spbe.core import audit, checks, notifications, permissions
from spbe.core.checks import Outcome, Status, Subject
from spbe.core.checks import message as msg
from spbe.org.models import Agency, Government

from . import cache
from .models import (
    AGENCY_KIND_PREFIX,
    AGENCY_ROLE_PREFIX,
    Attestation,
    AttestationStatus,
    ComplianceRun,
    ComplianceStatus,
    Obligation,
    Regulation,
    RunSummary,
    StatusChange,
)
from .models import Subject as SubjectKind


def subject_key(agency_id) -> str:
    return f"agency:{agency_id}" if agency_id is not None else "government"


def top_level_agencies(government):
    """The Perangkat Daerah proper: sub-units (bagian, UPT) answer through their parent."""
    return list(Agency._base_manager.filter(government=government, parent__isnull=True).order_by("name"))


@dataclass
class Evaluation:
    obligation: Obligation
    agency_id: int | None
    outcome: Outcome


def subjects_for(obligation: Obligation, government: Government, ctx: dict) -> list[Subject]:
    if obligation.subject in (SubjectKind.GOVERNMENT, SubjectKind.LEADERS, SubjectKind.COORDINATION_TEAM):
        return [Subject(government)]
    if obligation.subject == SubjectKind.ICT_OFFICE:
        return (
            [Subject(government, government.ict_office)]
            if government.ict_office_id
            else [Subject(government)]
        )
    if "agencies" not in ctx:
        agencies = Agency._base_manager.filter(government=government, parent__isnull=True)
        if ctx.get("only_agencies") is not None:  # a targeted re-evaluation needs just these subjects
            agencies = agencies.filter(pk__in=ctx["only_agencies"])
        ctx["agencies"] = list(agencies.order_by("name"))
    if obligation.subject.startswith((AGENCY_KIND_PREFIX, AGENCY_ROLE_PREFIX)):
        return _named_subjects(obligation, government, ctx)
    if obligation.subject == SubjectKind.AUTONOMOUS_AGENCIES:
        if "autonomous" not in ctx:
            ctx["autonomous"] = list(Agency._base_manager.filter(government=government, ict_autonomous=True))
        return [Subject(government, a) for a in ctx["autonomous"]] or [Subject(government)]
    return [Subject(government, a) for a in ctx["agencies"]]


def _named_subjects(obligation, government, ctx) -> list[Subject]:
    """The agencies of a kind ("agency_kind:inspektorat") or holding a designation
    ("agency_role:planning"); the government itself when none is recorded (judged unmet, see evaluate)."""
    value = obligation.subject.split(":", 1)[1]
    field = "kind" if obligation.subject.startswith(AGENCY_KIND_PREFIX) else "designation"
    agencies = [a for a in ctx["agencies"] if getattr(a, field) == value]
    return [Subject(government, a) for a in agencies] or [Subject(government)]


def _attestation_index(government, obligation, ctx) -> dict:
    """(obligation id, agency id) -> attestations, newest first.

    A full run loads every attestation of the government once; a targeted re-evaluation loads only
    the obligation's (it may run hundreds of times in one import or demo).
    """
    if ctx.get("full_run"):
        if "attestations" not in ctx:
            ctx["attestations"] = _index(Attestation._base_manager.filter(government=government))
        return ctx["attestations"]
    key = ("attestations", obligation.pk)
    if key not in ctx:
        ctx[key] = _index(Attestation._base_manager.filter(government=government, obligation=obligation))
    return ctx[key]


def _index(queryset) -> dict:
    index = defaultdict(list)
    for att in queryset.order_by("-created", "-pk"):
        index[(att.obligation_id, att.agency_id)].append(att)
    return index


def _with_why(why, text):
    return msg(gettext_noop("%(why)s %(what)s"), why=why, what=text) if why else text


def _counts_until(attestation, obligation):
    """An accepted attestation counts until its validity ends, or (an obligation with `every`) until
    the interval from its start has run out, whichever is first."""
    from .events import add_months

    interval = getattr(obligation, "interval_months", None)
    if not interval:
        return attestation.valid_until
    return min(attestation.valid_until, add_months(attestation.valid_from, interval))


def attestation_outcomes(obligation, subjects, ctx, *, why=None) -> dict:
    today = timezone.localdate()
    out = {}
    for subject in subjects:
        history = _attestation_index(subject.government, obligation, ctx).get(
            (obligation.pk, subject.key), []
        )
        accepted = next((a for a in history if a.status == AttestationStatus.ACCEPTED), None)
        pending = next((a for a in history if a.status == AttestationStatus.SUBMITTED), None)
        until = _counts_until(accepted, obligation) if accepted else None
        if accepted and until >= today:
            out[subject.key] = Outcome(
                Status.MET,
                _with_why(
                    why,
                    msg(gettext_noop("Pernyataan diterima, berlaku sampai %(d)s."), d=until),
                ),
                [{"label": _("Pernyataan pemenuhan"), "url": accepted.get_absolute_url()}],
            )
        elif pending:
            out[subject.key] = Outcome(
                Status.AWAITING_ATTESTATION,
                _with_why(why, msg(gettext_noop("Pernyataan menunggu tinjauan Dinas Kominfo."))),
                [{"label": _("Pernyataan pemenuhan"), "url": pending.get_absolute_url()}],
                next_step=msg(gettext_noop("Peninjau Dinas Kominfo menerima atau menolak pernyataan.")),
            )
        elif history and history[0].status == AttestationStatus.RETURNED:
            out[subject.key] = Outcome(
                Status.UNMET,
                _with_why(why, msg(gettext_noop("Pernyataan dikembalikan Dinas Kominfo untuk diperbaiki."))),
                [{"label": _("Pernyataan dikembalikan"), "url": history[0].get_absolute_url()}],
                next_step=msg(
                    gettext_noop("Perbaiki pernyataan sesuai alasan pengembalian lalu ajukan kembali.")
                ),
            )
        elif accepted:
            out[subject.key] = Outcome(
                Status.UNMET,
                _with_why(why, msg(gettext_noop("Pernyataan kedaluwarsa sejak %(d)s."), d=until)),
                [{"label": _("Pernyataan lama"), "url": accepted.get_absolute_url()}],
                next_step=msg(gettext_noop("Ajukan pernyataan baru dengan bukti terkini.")),
            )
        elif history and history[0].status == AttestationStatus.REJECTED:
            out[subject.key] = Outcome(
                Status.UNMET,
                _with_why(why, msg(gettext_noop("Pernyataan terakhir ditolak."))),
                [{"label": _("Pernyataan ditolak"), "url": history[0].get_absolute_url()}],
                next_step=msg(gettext_noop("Perbaiki bukti sesuai alasan penolakan lalu ajukan lagi.")),
            )
        else:
            out[subject.key] = Outcome(
                Status.AWAITING_ATTESTATION,
                _with_why(why, msg(gettext_noop("Belum ada pernyataan pemenuhan."))),
                next_step=msg(gettext_noop("Penanggung jawab menyatakan pemenuhan dengan bukti.")),
            )
    return out


def evaluate(obligation: Obligation, subjects: list[Subject], ctx: dict) -> dict:
    check = checks.check_type(obligation.check_type)
    if (
        obligation.subject.startswith((AGENCY_KIND_PREFIX, AGENCY_ROLE_PREFIX))
        and subjects
        and subjects[0].agency is None
    ):
        label = obligation.subject_label
        return {
            None: Outcome(
                Status.UNMET,
                msg(gettext_noop("Belum ada perangkat daerah yang tercatat sebagai %(s)s."), s=label),
                next_step=msg(
                    gettext_noop("Admin platform mengisi jenis atau fungsi kelembagaan PD itu di halaman PD.")
                ),
            )
        }
    if obligation.check_type == "attestation":
        return attestation_outcomes(obligation, subjects, ctx)
    if check is None or not check.is_available(obligation.params):
        return attestation_outcomes(
            obligation,
            subjects,
            ctx,
            why=msg(gettext_noop("Pemeriksaan otomatis belum tersedia; dinilai dari pernyataan.")),
        )
    if obligation.subject == SubjectKind.ICT_OFFICE and subjects and subjects[0].agency is None:
        return {
            None: Outcome(
                Status.UNMET,
                msg(gettext_noop("Dinas Kominfo belum ditetapkan, kewajiban ini belum dapat dinilai.")),
            )
        }
    return check.evaluate(obligation, subjects, ctx)


def store(government, evaluations: list[Evaluation], run: ComplianceRun | None = None) -> int:
    """Write outcomes as the current status; record changes; notify on a fall to unmet."""
    now = timezone.now()
    keys = {(e.obligation.pk, subject_key(e.agency_id)) for e in evaluations}
    obligation_ids = {k[0] for k in keys}
    existing = {
        (row.obligation_id, row.subject_key): row
        for row in ComplianceStatus.objects.filter(government=government, obligation_id__in=obligation_ids)
    }
    to_create, to_update, unchanged, changes, fell = [], [], [], [], defaultdict(list)
    for e in evaluations:
        key = subject_key(e.agency_id)
        row = existing.get((e.obligation.pk, key))
        o = e.outcome
        reason, next_step = checks.source_text(o.reason), checks.source_text(o.next_step)
        reason_message, next_step_message = checks.message_data(o.reason), checks.message_data(o.next_step)
        evidence = checks.evidence_data(o.evidence)
        if row is None:
            row = ComplianceStatus(
                government=government,
                obligation=e.obligation,
                agency_id=e.agency_id,
                subject_key=key,
                status=o.status,
                reason=reason,
                evidence=evidence,
                next_step=next_step,
                reason_message=reason_message,
                next_step_message=next_step_message,
                evaluated_at=now,
                since=now,
            )
            to_create.append(row)
            changes.append((row, "", o.status, reason))
            continue
        previous = row.status
        current = (
            row.status,
            row.reason,
            row.evidence,
            row.next_step,
            row.reason_message,
            row.next_step_message,
        )
        if not row.stale and current == (
            o.status,
            reason,
            evidence,
            next_step,
            reason_message,
            next_step_message,
        ):
            unchanged.append(row.pk)  # only its evaluation time moves: one UPDATE for all of them
            continue
        if previous != o.status:
            row.since = now
            changes.append((row, previous, o.status, reason))
            if o.status == Status.UNMET and previous in (
                Status.MET,
                Status.PARTLY_MET,
                Status.AWAITING_ATTESTATION,
            ):
                fell[e.agency_id].append(e.obligation)
        row.status, row.reason, row.evidence, row.next_step = o.status, reason, evidence, next_step
        row.reason_message, row.next_step_message = reason_message, next_step_message
        row.evaluated_at, row.stale = now, False
        to_update.append(row)
    ComplianceStatus.objects.bulk_create(to_create, batch_size=1000)
    ComplianceStatus.objects.bulk_update(
        to_update,
        [
            "status",
            "reason",
            "evidence",
            "next_step",
            "reason_message",
            "next_step_message",
            "evaluated_at",
            "since",
            "stale",
        ],
        batch_size=500,
    )
    cache.bump(government.pk)
    for start in range(0, len(unchanged), 5000):
        ComplianceStatus.objects.filter(pk__in=unchanged[start : start + 5000]).update(evaluated_at=now)
    StatusChange.objects.bulk_create(
        [
            StatusChange(status_row=row, run=run, previous=prev, current=cur, reason=reason, at=now)
            for row, prev, cur, reason in changes
        ],
        batch_size=1000,
    )
    if fell:
        transaction.on_commit(lambda: _notify_fallen(government, fell))
    return len(changes)


def _notify_fallen(government, fell: dict) -> None:
    agencies = {a.pk: a for a in Agency._base_manager.filter(pk__in=[k for k in fell if k is not None])}
    for agency_id, obligations in fell.items():
        agency = agencies.get(agency_id)
        if agency is None:
            users = list(permissions.role_holders("ict_admin", None))
        else:
            users = list(permissions.role_holders("agency_admin", agency)) + list(
                permissions.role_holders("agency_head", agency)
            )
        cites = ", ".join(sorted({o.citation for o in obligations})[:5])
        url = f"/compliance/agencies/{agency_id}/" if agency else "/compliance/government/"
        notifications.notify(
            users,
            _("%(n)d kewajiban menjadi belum terpenuhi: %(c)s") % {"n": len(obligations), "c": cites},
            url=url,
            key=f"compliance-fell:{government.pk}:{agency_id}:{timezone.localdate()}",
        )


def active_obligations(government) -> list[Obligation]:
    regulation = Regulation.objects.filter(code=government.regulation).first()
    if regulation is None:
        return []
    # A note (an article of principles or definitions, or a permission) is shown and cited, never scored.
    return list(
        Obligation.objects.filter(regulation=regulation, retired=False)
        .exclude(check_type="note")
        .order_by("position")
    )


def run_full(government: Government, *, trigger: str = "manual") -> ComplianceRun:
    regulation = Regulation.objects.filter(code=government.regulation).first()
    if regulation is None:
        raise ValueError(_("Pemerintah daerah belum memilih regulasi yang dikenal platform."))
    started = time.monotonic()
    with transaction.atomic():
        run = ComplianceRun.objects.create(government=government, regulation=regulation, trigger=trigger)
        ctx: dict = {"full_run": True}
        evaluations = []
        for obligation in active_obligations(government):
            subjects = subjects_for(obligation, government, ctx)
            for key, outcome in evaluate(obligation, subjects, ctx).items():
                evaluations.append(Evaluation(obligation, key, outcome))
        run.changes = store(government, evaluations, run)
        _summarise(run, evaluations)
        run.evaluations = len(evaluations)
        run.finished = timezone.now()
        run.duration_ms = int((time.monotonic() - started) * 1000)
        run.save()
        audit.record_event(
            "compliance.run.completed",
            government,
            message=_("%(n)d evaluasi, %(c)d status berubah (%(ms)d ms)")
            % {"n": run.evaluations, "c": run.changes, "ms": run.duration_ms},
        )
    return run


def _summarise(run: ComplianceRun, evaluations: list[Evaluation]) -> None:
    counts: dict = defaultdict(lambda: defaultdict(int))
    for e in evaluations:
        counts[(e.agency_id, e.obligation.group)][e.outcome.status] += 1
    RunSummary.objects.bulk_create(
        [
            RunSummary(
                run=run,
                agency_id=agency_id,
                group=group,
                met=c[Status.MET],
                partly_met=c[Status.PARTLY_MET],
                unmet=c[Status.UNMET],
                awaiting=c[Status.AWAITING_ATTESTATION],
                not_applicable=c[Status.NOT_APPLICABLE],
            )
            for (agency_id, group), c in counts.items()
        ],
        batch_size=1000,
    )


def reevaluate(government, obligations: list[Obligation], agency_ids: set | None) -> int:
    """Re-evaluate `obligations` for the given subjects (None: every subject)."""
    ctx: dict = {"only_agencies": {a for a in agency_ids if a is not None}} if agency_ids is not None else {}
    evaluations = []
    for obligation in obligations:
        subjects = subjects_for(obligation, government, ctx)
        if agency_ids is not None:
            subjects = [s for s in subjects if s.key in agency_ids or (s.key is None and None in agency_ids)]
        if not subjects:
            continue
        for key, outcome in evaluate(obligation, subjects, ctx).items():
            evaluations.append(Evaluation(obligation, key, outcome))
    return store(government, evaluations)


def _top_level_id(agency_id):
    seen = set()
    current = agency_id
    while current is not None and current not in seen:
        seen.add(current)
        parent = Agency._base_manager.filter(pk=current).values_list("parent_id", flat=True).first()
        if parent is None:
            return current
        current = parent
    return agency_id


def affected(instance, check_names: set[str]):
    """The governments, obligations and subjects a changed record can affect."""
    owner = getattr(instance, "owner_agency_id", None)
    if hasattr(instance, "government_id") and not isinstance(instance, Agency):
        gov_ids = [instance.government_id]
    elif isinstance(instance, Government):
        gov_ids = [instance.pk]
    elif owner is not None:
        gov_ids = list(Agency._base_manager.filter(pk=owner).values_list("government_id", flat=True))
    else:
        gov_ids = list(Government.objects.values_list("pk", flat=True))
    # The owner itself (a sub-unit can be a subject, e.g. a PD Mandiri TIK), its agency, and the government.
    agency_ids = None if owner is None else {owner, _top_level_id(owner), None}
    if any(getattr(checks.check_type(n), "all_subjects_on_change", False) for n in check_names):
        agency_ids = None
    return gov_ids, agency_ids


def reevaluate_for_record(instance, check_names: set[str]) -> int:
    gov_ids, agency_ids = affected(instance, check_names)
    total = 0
    for government in Government.objects.filter(pk__in=gov_ids).select_related("ict_office"):
        obligations = [o for o in active_obligations(government) if _uses(o, check_names)]
        if obligations:
            total += reevaluate(government, obligations, agency_ids)
    return total


def _uses(obligation: Obligation, check_names: set[str]) -> bool:
    if obligation.check_type in check_names:
        return True
    if "attestation" in check_names:  # attestation-based, or a check type that falls back to attestation
        check = checks.check_type(obligation.check_type)
        return (
            obligation.check_type == "attestation"
            or check is None
            or not check.is_available(obligation.params)
        )
    return False
