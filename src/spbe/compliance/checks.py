"""The check types the foundation can answer, plus the generic ones later modules parameterise
(`record_every`, `review_within`) through evidence kinds they register."""

import datetime

from django.apps import apps
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from spbe.core import checks
from spbe.core.checks import CheckType, Outcome, Status
from spbe.core.checks import message as msg
from spbe.org.choices import AgencyDesignation, Role, TeamPosition
from spbe.org.models import Agency, CoordinationTeam, RoleAssignment
from spbe.org.selectors import subtree_map

from .models import ActivityKind, ActivityStatus, RecordedActivity


def _agency_tree(ctx: dict) -> dict[int, list[int]]:
    """agency id -> the ids of it and all its sub-units (one query per run)."""
    if "agency_tree" not in ctx:
        ctx["agency_tree"] = subtree_map()
    return ctx["agency_tree"]


@checks.register_check
class IctOfficeDesignated(CheckType):
    name = "ict_office_designated"
    label = gettext_lazy("Dinas Kominfo ditetapkan")
    depends_on = ("org.Government",)

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            gov = subject.government
            if gov.ict_office_id:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("Dinas Kominfo pemerintah daerah: %(a)s."), a=gov.ict_office),
                    [{"label": str(gov.ict_office), "url": gov.ict_office.get_absolute_url()}],
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Pemerintah daerah belum menetapkan Dinas Kominfo.")),
                    next_step=msg(
                        gettext_noop("Admin platform memilih Dinas Kominfo pada halaman pemerintah daerah.")
                    ),
                )
        return out


@checks.register_check
class CoordinationTeamDecreed(CheckType):
    name = "coordination_team_decreed"
    label = gettext_lazy("Tim Koordinasi SPBE ditetapkan dengan keputusan")
    depends_on = ("org.CoordinationTeam", "org.CoordinationTeamMember", "org.Decree")
    param_schema = {
        "type": "object",
        "properties": {
            "required_positions": {"type": "array", "items": {"enum": list(TeamPosition.values)}},
            # Institutions the regulation names as members (an agency designation, or the ICT office).
            "member_agencies": {
                "type": "array",
                "items": {"enum": ["ict_office", *AgencyDesignation.values]},
                "uniqueItems": True,
            },
        },
        "additionalProperties": False,
    }

    @staticmethod
    def _missing_institutions(team, wanted: list[str], ict_office_id) -> list[str]:
        """The named institutions none of the team's members belongs to (a sub-unit counts for its
        parent: the Bagian Organisasi sits in the Sekretariat Daerah)."""
        if not wanted:
            return []
        held: set[str] = set()
        for agency in Agency._base_manager.filter(
            pk__in=team.members.values_list("person__agency_id", flat=True)
        ).select_related("parent"):
            for unit in (agency, agency.parent):
                if unit is None:
                    continue
                if unit.designation:
                    held.add(unit.designation)
                if unit.pk == ict_office_id:
                    held.add("ict_office")
        labels = {"ict_office": _("Dinas Kominfo"), **dict(AgencyDesignation.choices)}
        return [str(labels[w]) for w in wanted if w not in held]

    def evaluate(self, obligation, subjects, ctx):
        required = obligation.params.get("required_positions", [TeamPosition.CHAIR, TeamPosition.MEMBER])
        institutions = obligation.params.get("member_agencies", [])
        out = {}
        for subject in subjects:
            today = timezone.localdate()
            team = (
                CoordinationTeam._base_manager.filter(government=subject.government)
                .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
                .select_related("decree")
                .order_by("-period_start", "-pk")
                .first()
            )
            if team is None:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada Tim Koordinasi SPBE yang masih bertugas.")),
                    next_step=msg(gettext_noop("Catat tim koordinasi beserta keputusan pembentukannya.")),
                )
                continue
            evidence = [{"label": str(team), "url": team.get_absolute_url()}]
            held = set(team.members.values_list("position", flat=True))
            missing = [TeamPosition(p).label for p in required if p not in held]
            missing += self._missing_institutions(team, institutions, subject.government.ict_office_id)
            if team.decree_id is None or missing:
                if team.decree_id is None and missing:
                    problem = msg(
                        gettext_noop("belum ada keputusan pembentukan; kedudukan belum terisi: %(m)s"),
                        m=missing,
                    )
                elif team.decree_id is None:
                    problem = msg(gettext_noop("belum ada keputusan pembentukan"))
                else:
                    problem = msg(gettext_noop("kedudukan belum terisi: %(m)s"), m=missing)
                out[subject.key] = Outcome(
                    Status.PARTLY_MET,
                    msg(gettext_noop("%(team)s: %(p)s."), team=team, p=problem),
                    evidence,
                    next_step=msg(gettext_noop("Lengkapi keputusan dan keanggotaan tim.")),
                )
                continue
            evidence.append({"label": str(team.decree), "url": team.decree.get_absolute_url()})
            out[subject.key] = Outcome(
                Status.MET,
                msg(gettext_noop("%(team)s ditetapkan dengan %(d)s."), team=team, d=team.decree.number),
                evidence,
            )
        return out


@checks.register_check
class AutonomousAgenciesDecreed(CheckType):
    name = "autonomous_agencies_decreed"
    label = gettext_lazy("PD Mandiri TIK memiliki keputusan")
    depends_on = ("org.Agency", "org.Decree")
    all_subjects_on_change = True  # a decree belongs to its issuer, not to the agency it concerns

    def evaluate(self, obligation, subjects, ctx):
        out = {}
        for subject in subjects:
            if subject.agency is not None:
                agencies = [subject.agency] if subject.agency.ict_autonomous else []
            else:
                agencies = list(
                    Agency._base_manager.filter(
                        government=subject.government, ict_autonomous=True
                    ).select_related("autonomy_decree")
                )
            if not agencies:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE, msg(gettext_noop("Tidak ada PD Mandiri TIK."))
                )
                continue
            without = [a for a in agencies if a.autonomy_decree_id is None]
            evidence = [
                {"label": str(a.autonomy_decree), "url": a.autonomy_decree.get_absolute_url()}
                for a in agencies
                if a.autonomy_decree_id
            ]
            if without:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop("PD Mandiri TIK tanpa keputusan: %(l)s."),
                        l=[a.short_name for a in without],
                    ),
                    evidence,
                    next_step=msg(gettext_noop("Catat keputusan penetapan PD Mandiri TIK.")),
                )
            else:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("%(n)d PD Mandiri TIK, semuanya dengan keputusan."), n=len(agencies)),
                    evidence,
                )
        return out


@checks.register_check
class RoleInEachAgency(CheckType):
    name = "role_in_each_agency"
    label = gettext_lazy("Peran tertentu ditugaskan di perangkat daerah")
    depends_on = ("org.RoleAssignment", "org.Person")
    param_schema = {
        "type": "object",
        "required": ["role"],
        "additionalProperties": False,
        "properties": {"role": {"enum": list(Role.values)}},
    }

    def evaluate(self, obligation, subjects, ctx):
        role = obligation.params["role"]
        key = f"role_holders:{role}"
        if key not in ctx:
            today = timezone.localdate()
            rows = (
                RoleAssignment._base_manager.filter(role=role, valid_from__lte=today)
                .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
                .values_list("agency_id", "user__person__agency_id", "user__username")
            )
            holders: dict[int | None, list[str]] = {}
            for agency_id, person_agency_id, username in rows:
                holders.setdefault(agency_id if agency_id is not None else person_agency_id, []).append(
                    username
                )
                holders.setdefault("any", []).append(username)
            ctx[key] = holders
        holders = ctx[key]
        label = Role(role).label if role in Role.values else role
        out = {}
        for subject in subjects:
            names = holders.get(subject.key) if subject.agency is not None else holders.get("any")
            if names:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(gettext_noop("%(role)s: %(names)s."), role=label, names=sorted(set(names))),
                    [
                        {
                            "label": gettext_lazy("Peran dan akses"),
                            "url": reverse("org:agency_roles", kwargs={"pk": subject.agency.pk}),
                        }
                    ]
                    if subject.agency
                    else [],
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada %(role)s yang ditugaskan."), role=label),
                    next_step=msg(
                        gettext_noop("Admin PD menugaskan %(role)s di halaman Peran dan akses."), role=label
                    ),
                )
        return out


def interval_months(obligation) -> int:
    """The check's `months`, else the obligation's `every` (schema version 3), else a year."""
    return int(obligation.params.get("months") or getattr(obligation, "interval_months", None) or 12)


class _DatedRecordCheck(CheckType):
    """Met when the subject has a record of the kind dated within the last `months`."""

    registry_lookup = staticmethod(checks.evidence_kind)
    registry_all = staticmethod(checks.all_evidence_kinds)
    kind_param = "kind"
    planned_key = "evidence_kinds"

    def _kind(self, params):
        return self.registry_lookup(params.get(self.kind_param, ""))

    def is_available(self, params):
        return self._kind(params) is not None

    def param_problems(self, params):
        from . import vocabulary

        name = params.get(self.kind_param, "")
        if self._kind(params) is not None:
            return []
        module = vocabulary.planned_provider(self.planned_key, name)
        if module:
            return [
                (
                    self.kind_param,
                    "warning",
                    _(
                        "%(k)s dicatat modul %(m)s yang belum terpasang; dinilai melalui pernyataan sampai itu."
                    )
                    % {"k": name, "m": module},
                )
            ]
        known = sorted(
            {k.name for k in self.registry_all()} | set(vocabulary.planned_names(self.planned_key))
        )
        return [
            (
                self.kind_param,
                "error",
                _("%(k)s tidak dikenal; nilai yang boleh: %(a)s.") % {"k": name, "a": ", ".join(known)},
            )
        ]

    def evaluate(self, obligation, subjects, ctx):
        if obligation.params.get("activity"):
            return activity_outcomes(obligation, subjects, ctx)
        kind = self._kind(obligation.params)
        months = interval_months(obligation)
        since = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
        model = apps.get_model(kind.model)
        qs = model._base_manager.filter(**kind.filter)
        government = subjects[0].government if subjects else None
        if kind.agency_field:  # only this government's records, when one deployment serves several
            qs = qs.filter(**{f"{kind.agency_field}__government": government})
        elif any(f.name == "government" for f in model._meta.concrete_fields):
            qs = qs.filter(government=government)
        tree = _agency_tree(ctx)
        latest: dict = {}
        if kind.agency_field:  # the newest record per agency, one grouped query
            grouped = qs.order_by().values(kind.agency_field).annotate(last=Max(kind.date_field))
            latest = {row[kind.agency_field]: row["last"] for row in grouped}
            overall = max((d for d in latest.values() if d), default=None)
        else:
            overall = qs.aggregate(last=Max(kind.date_field))["last"]
        out = {}
        for subject in subjects:
            if subject.agency is None or not kind.agency_field:
                last = overall
            else:
                dates = [latest.get(a) for a in tree.get(subject.agency.pk, [subject.agency.pk])]
                last = max((d for d in dates if d), default=None)
            if isinstance(last, datetime.datetime):
                last = timezone.localtime(last).date()
            evidence = (
                [{"label": kind.label, "url": reverse(kind.list_url_name)}] if kind.list_url_name else []
            )
            if last is not None and last >= since:
                out[subject.key] = Outcome(
                    Status.MET,
                    msg(
                        gettext_noop("%(k)s terakhir %(d)s (batas %(m)d bulan)."),
                        k=kind.label,
                        d=last,
                        m=months,
                    ),
                    evidence,
                )
            elif last is not None:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(
                        gettext_noop("%(k)s terakhir %(d)s, lebih dari %(m)d bulan lalu."),
                        k=kind.label,
                        d=last,
                        m=months,
                    ),
                    evidence,
                    next_step=msg(gettext_noop("Catat %(k)s yang baru."), k=kind.label),
                )
            else:
                out[subject.key] = Outcome(
                    Status.UNMET,
                    msg(gettext_noop("Belum ada %(k)s yang tercatat."), k=kind.label),
                    evidence,
                    next_step=msg(gettext_noop("Catat %(k)s."), k=kind.label),
                )
        return out


@checks.register_check
class RecordEvery(_DatedRecordCheck):
    """`kind`: an evidence kind a module registers; or `activity`: a recorded-activity kind."""

    name = "record_every"
    label = gettext_lazy("Catatan berkala")
    depends_on = ("compliance.RecordedActivity",)
    param_schema = {
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "kind": {"type": "string"},
            "activity": {"type": "string"},
            "months": {"type": "integer", "minimum": 1, "maximum": 1200},
        },
    }

    def is_available(self, params):
        if params.get("activity"):
            return ActivityKind.objects.filter(code=params["activity"]).exists()
        return super().is_available(params)

    def param_problems(self, params):
        if ("kind" in params) == ("activity" in params):
            return [
                (
                    "months",
                    "error",
                    _("isi tepat satu dari kind (jenis catatan bukti) atau activity (jenis kegiatan)."),
                )
            ]
        if params.get("activity"):
            return []  # checked against the activity kinds by the profile validator
        return super().param_problems(params)


def activity_outcomes(obligation, subjects, ctx):
    """Met when the subject recorded an activity of the kind within the last `months` (approved,
    where the kind needs approval). An agency's sub-units count for it; a government-level subject
    counts any activity of the government."""
    code, months = obligation.params["activity"], interval_months(obligation)
    kind = ActivityKind.objects.filter(code=code).first()
    since = timezone.localdate() - datetime.timedelta(days=round(months * 30.44))
    government = subjects[0].government if subjects else None
    key = ("activity_latest", code, getattr(government, "pk", None))
    if key not in ctx:
        qs = RecordedActivity._base_manager.filter(government=government, kind__code=code)
        qs = (
            qs.filter(status=ActivityStatus.APPROVED)
            if kind and kind.approval_required
            else qs.filter(status__in=[ActivityStatus.RECORDED, ActivityStatus.APPROVED])
        )
        grouped = qs.order_by().values("agency_id").annotate(last=Max("date"), n=Count("id"))
        ctx[key] = {row["agency_id"]: (row["last"], row["n"]) for row in grouped}
    latest = ctx[key]
    tree = _agency_tree(ctx)
    name = kind.name if kind else code
    out = {}
    for subject in subjects:
        if subject.agency is None:
            found = list(latest.values())
        else:
            found = [latest[a] for a in tree.get(subject.agency.pk, [subject.agency.pk]) if a in latest]
        last = max((d for d, _n in found), default=None)
        query = f"?kind={kind.pk}" if kind else ""
        if subject.agency is not None:
            query += f"{'&' if query else '?'}agency={subject.agency.pk}"
        evidence = [{"label": str(name), "url": reverse("compliance:recordedactivity_list") + query}]
        if last is not None and last >= since:
            out[subject.key] = Outcome(
                Status.MET,
                msg(gettext_noop("%(k)s terakhir %(d)s (batas %(m)d bulan)."), k=name, d=last, m=months),
                evidence,
            )
        elif last is not None:
            out[subject.key] = Outcome(
                Status.UNMET,
                msg(
                    gettext_noop("%(k)s terakhir %(d)s, lebih dari %(m)d bulan lalu."),
                    k=name,
                    d=last,
                    m=months,
                ),
                evidence,
                next_step=msg(gettext_noop("Catat %(k)s yang baru."), k=name),
            )
        else:
            out[subject.key] = Outcome(
                Status.UNMET,
                msg(gettext_noop("Belum ada %(k)s yang tercatat."), k=name),
                evidence,
                next_step=msg(gettext_noop("Catat %(k)s."), k=name),
            )
    return out


@checks.register_check
class ReviewWithin(_DatedRecordCheck):
    name = "review_within"
    label = gettext_lazy("Reviu dokumen perencanaan")
    registry_lookup = staticmethod(checks.review_document)
    registry_all = staticmethod(checks.all_review_documents)
    kind_param = "document"
    planned_key = "review_documents"
    param_schema = {
        "type": "object",
        "required": ["document"],
        "additionalProperties": False,
        "properties": {
            "document": {"type": "string"},
            "months": {"type": "integer", "minimum": 1, "maximum": 1200},
        },
    }


def _activity_dates(government, code: str, ctx: dict) -> dict:
    """agency id (None for government-level) -> sorted dates of the kind's activities that count."""
    key = ("activity_dates", code, government.pk)
    if key not in ctx:
        kind = ActivityKind.objects.filter(code=code).first()
        qs = RecordedActivity._base_manager.filter(government=government, kind__code=code)
        qs = (
            qs.filter(status=ActivityStatus.APPROVED)
            if kind and kind.approval_required
            else qs.filter(status__in=[ActivityStatus.RECORDED, ActivityStatus.APPROVED])
        )
        dates: dict = {}
        for agency_id, day in qs.order_by("date").values_list("agency_id", "date"):
            dates.setdefault(agency_id, []).append(day)
        ctx[key] = (kind, dates)
    return ctx[key]


def _record_dates(kind: checks.EvidenceKind, government, ctx: dict) -> dict:
    """agency id (None: government-wide records) -> sorted dates of an evidence kind's or a decree
    kind's records of this government."""
    key = ("record_dates", kind.model, kind.name, government.pk)
    if key not in ctx:
        model = apps.get_model(kind.model)
        qs = model._base_manager.filter(**kind.filter).filter(**{f"{kind.date_field}__isnull": False})
        if any(f.name == "government" for f in model._meta.concrete_fields):
            qs = qs.filter(government=government)
        elif kind.agency_field:
            qs = qs.filter(**{f"{kind.agency_field}__government": government})
        dates: dict = {}
        fields = (kind.agency_field, kind.date_field) if kind.agency_field else (kind.date_field,)
        for row in qs.order_by(kind.date_field).values_list(*fields):
            day = row[-1]
            if isinstance(day, datetime.datetime):
                day = timezone.localtime(day).date()
            dates.setdefault(row[0] if kind.agency_field else None, []).append(day)
        ctx[key] = dates
    return ctx[key]


# The alternatives a deadline is met by: a recorded activity, an evidence kind's record, a decree.
DEADLINE_SOURCES = ("activity", "evidence", "decree")


def _deadline_source(params: dict, government, ctx: dict) -> tuple[str, dict, list[dict]]:
    """(what is looked for, agency id -> dates, evidence links) for the deadline's source."""
    if params.get("activity"):
        kind, dates = _activity_dates(government, params["activity"], ctx) if government else (None, {})
        query = f"?kind={kind.pk}" if kind else ""
        name = kind.name if kind else params["activity"]
        return name, dates, [{"label": str(name), "url": reverse("compliance:recordedactivity_list") + query}]
    lookup = checks.evidence_kind if params.get("evidence") else checks.decree_kind
    kind = lookup(params.get("evidence") or params.get("decree"))
    dates = _record_dates(kind, government, ctx) if government else {}
    links = [{"label": str(kind.label), "url": reverse(kind.list_url_name)}] if kind.list_url_name else []
    return kind.label, dates, links


def _deadline_source_problems(params: dict) -> list[tuple[str, str, str]]:
    """Exactly one source; an evidence kind or decree kind that the platform knows."""
    from . import vocabulary

    given = [k for k in DEADLINE_SOURCES if k in params]
    if len(given) != 1:
        return [
            (
                given[1] if len(given) > 1 else "after",
                "error",
                _(
                    "isi tepat satu dari activity (jenis kegiatan), evidence (jenis catatan bukti) atau decree (jenis keputusan)."
                ),
            )
        ]
    if given == ["evidence"] and checks.evidence_kind(params["evidence"]) is None:
        module = vocabulary.planned_provider("evidence_kinds", params["evidence"])
        if module:
            return [
                (
                    "evidence",
                    "warning",
                    _(
                        "%(k)s dicatat modul %(m)s yang belum terpasang; dinilai melalui pernyataan sampai itu."
                    )
                    % {"k": params["evidence"], "m": module},
                )
            ]
        known = sorted(
            {k.name for k in checks.all_evidence_kinds()} | set(vocabulary.planned_names("evidence_kinds"))
        )
        return [
            (
                "evidence",
                "error",
                _("jenis catatan bukti %(k)s tidak dikenal; nilai yang boleh: %(a)s.")
                % {"k": params["evidence"], "a": ", ".join(known)},
            )
        ]
    if given == ["decree"] and checks.decree_kind(params["decree"]) is None:
        known = sorted(k.name for k in checks.all_decree_kinds())
        return [
            (
                "decree",
                "error",
                _("jenis keputusan %(k)s tidak dikenal; nilai yang boleh: %(a)s.")
                % {"k": params["decree"], "a": ", ".join(known)},
            )
        ]
    return []


@checks.register_check
class Deadline(CheckType):
    """Met when, within `within` of an event (`after`: the regulation's enactment, a decree, an
    incident; data/event_kinds.yaml), the subject recorded an activity of a kind (`activity`), has a
    record of an evidence kind (`evidence`) or a decree of a kind (`decree`) dated then."""

    name = "deadline"
    label = gettext_lazy("Tenggat sejak suatu peristiwa")
    depends_on = ("compliance.RecordedActivity", "org.CoordinationTeam", "org.Decree", "org.Agency")
    all_subjects_on_change = True  # a decree's date moves the deadline of every subject
    param_schema = {
        "type": "object",
        "required": ["within", "after"],
        "additionalProperties": False,
        "properties": {
            "activity": {"type": "string"},
            "evidence": {"type": "string"},
            "decree": {"type": "string"},
            "within": {"type": "string"},
            "after": {"type": "string"},
        },
    }

    def is_available(self, params):
        from . import events

        if not events.installed(params.get("after", "")):
            return False
        if params.get("evidence"):
            return checks.evidence_kind(params["evidence"]) is not None
        if params.get("decree"):
            return checks.decree_kind(params["decree"]) is not None
        return ActivityKind.objects.filter(code=params.get("activity", "")).exists()

    def param_problems(self, params):
        from . import events

        problems = _deadline_source_problems(params)
        if events.parse_interval(params.get("within")) is None:
            problems.append(
                (
                    "within",
                    "error",
                    _(
                        "within %(v)s bukan jangka waktu; bentuk yang boleh: %(a)s (misalnya 6 months, 2 years)."
                    )
                    % {"v": params.get("within"), "a": ", ".join(events.INTERVAL_FORMS)},
                )
            )
        after = params.get("after", "")
        module = events.planned_module(after)
        if module:
            problems.append(
                (
                    "after",
                    "warning",
                    _(
                        "peristiwa %(e)s dicatat modul %(m)s yang belum terpasang; dinilai melalui pernyataan sampai itu."
                    )
                    % {"e": after, "m": module},
                )
            )
        elif not events.installed(after):
            problems.append(
                (
                    "after",
                    "error",
                    _("peristiwa %(e)s tidak dikenal; nilai yang boleh: %(a)s.")
                    % {"e": after, "a": ", ".join(sorted(events.event_kinds()))},
                )
            )
        return problems

    def evaluate(self, obligation, subjects, ctx):
        from . import events

        params = obligation.params
        months = events.parse_interval(params["within"])
        resolve = events.RESOLVERS[params["after"]]
        event = events.event_name(params["after"])
        government = subjects[0].government if subjects else None
        name, dates, evidence = _deadline_source(params, government, ctx)
        tree = _agency_tree(ctx)
        today = timezone.localdate()
        out = {}
        for subject in subjects:
            start = resolve(obligation, subject, ctx)
            if start is None:
                out[subject.key] = Outcome(
                    Status.NOT_APPLICABLE,
                    msg(gettext_noop("%(e)s belum tercatat; tenggat belum berjalan."), e=event),
                )
                continue
            due = events.add_months(start, months)
            if subject.agency is None:
                found = [d for days in dates.values() for d in days]
            else:
                found = [
                    d for a in tree.get(subject.agency.pk, [subject.agency.pk]) for d in dates.get(a, [])
                ]
            first = min((d for d in found if d >= start), default=None)
            out[subject.key] = _deadline_outcome(name, first, start, due, event, today, evidence)
        return out


def _deadline_outcome(name, first, start, due, event, today, evidence) -> Outcome:
    if first is not None:
        in_time = first <= due
        text = (
            gettext_noop("%(k)s dicatat %(d)s, dalam tenggat %(due)s (%(e)s %(s)s).")
            if in_time
            else gettext_noop("%(k)s dicatat %(d)s, melewati tenggat %(due)s (%(e)s %(s)s).")
        )
        return Outcome(
            Status.MET if in_time else Status.PARTLY_MET,
            msg(text, k=name, d=first, due=due, e=event, s=start),
            evidence,
        )
    text = (
        gettext_noop("Belum ada %(k)s sejak %(e)s %(s)s; tenggat %(due)s.")
        if today <= due
        else gettext_noop("Belum ada %(k)s sejak %(e)s %(s)s; tenggat %(due)s sudah lewat.")
    )
    return Outcome(
        Status.UNMET,
        msg(text, k=name, e=event, s=start, due=due),
        evidence,
        next_step=msg(gettext_noop("Catat %(k)s."), k=name),
    )


def register_decree_kinds() -> None:
    """The decrees of the org module a `deadline` can look for (`decree`), dated by the decree."""
    checks.register_decree_kind(
        checks.EvidenceKind(
            "coordination_team",
            gettext_lazy("Keputusan pembentukan Tim Koordinasi SPBE"),
            "org.CoordinationTeam",
            "decree__date",
            None,
            list_url_name="org:coordinationteam_list",
        )
    )
    checks.register_decree_kind(
        checks.EvidenceKind(
            "ict_autonomy",
            gettext_lazy("Keputusan penetapan PD Mandiri TIK"),
            "org.Agency",
            "autonomy_decree__date",
            "id",
            filter={"ict_autonomous": True},
            list_url_name="org:agency_list",
        )
    )


register_decree_kinds()


def watched_models() -> dict[str, set[str]]:
    """model label -> names of the check types whose outcome it can change."""
    watched: dict[str, set[str]] = {}
    for name, check in checks.check_types().items():
        for label in check.depends_on:
            watched.setdefault(label, set()).add(name)
    for kind in checks.all_evidence_kinds():
        watched.setdefault(kind.model, set()).update(("record_every", "deadline"))
    for kind in checks.all_review_documents():
        watched.setdefault(kind.model, set()).add("review_within")
    return watched
