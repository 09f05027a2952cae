"""Intervals of any length and the events a deadline runs from (issue 9 §4).

An interval is written "18 months", "2 years" (or "18 bulan", "2 tahun"). Event kinds are declared in
data/event_kinds.yaml; each installed kind has a resolver here that finds the event's date for one
subject. A kind with `module` is provided by a designed module not installed yet.
"""

import datetime
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from django.db.models import Q
from django.utils import timezone

from spbe.core.datafiles import read_yaml

EVENT_KINDS_FILE = Path(__file__).resolve().parent / "data" / "event_kinds.yaml"
INTERVAL = re.compile(r"^\s*(?P<n>[1-9]\d{0,3})\s+(?P<unit>months?|years?|bulan|tahun)\s*$")
INTERVAL_FORMS = ("N months", "N years", "N bulan", "N tahun")


def parse_interval(text) -> int | None:
    """Months in "18 months" / "2 years" / "6 bulan" / "1 tahun"; None when the text is not one."""
    match = INTERVAL.match(text) if isinstance(text, str) else None
    if match is None:
        return None
    n = int(match["n"])
    return n * 12 if match["unit"].startswith(("year", "tahun")) else n


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later (the month's last day when it is shorter)."""
    import calendar

    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@cache
def event_kinds() -> dict[str, dict]:
    return {k["code"]: k for k in read_yaml(EVENT_KINDS_FILE)}


def _regulation_enacted(obligation, subject, ctx):
    return obligation.regulation.set_on


def _coordination_team_decreed(obligation, subject, ctx):
    from spbe.org.models import CoordinationTeam

    key = ("event:team_decree", subject.government.pk)
    if key not in ctx:
        today = timezone.localdate()
        team = (
            CoordinationTeam._base_manager.filter(government=subject.government, decree__isnull=False)
            .filter(Q(period_end__isnull=True) | Q(period_end__gte=today))
            .select_related("decree")
            .order_by("-period_start", "-pk")
            .first()
        )
        ctx[key] = team.decree.date if team else None
    return ctx[key]


def _autonomy_decreed(obligation, subject, ctx):
    from spbe.org.models import Agency

    if subject.agency is not None:
        decree = subject.agency.autonomy_decree if subject.agency.autonomy_decree_id else None
        return decree.date if decree else None
    dates = Agency._base_manager.filter(
        government=subject.government, ict_autonomous=True, autonomy_decree__isnull=False
    ).values_list("autonomy_decree__date", flat=True)
    return min(dates, default=None)


RESOLVERS: dict[str, Callable] = {
    "regulation_enacted": _regulation_enacted,
    "coordination_team_decreed": _coordination_team_decreed,
    "autonomy_decreed": _autonomy_decreed,
}


def installed(code: str) -> bool:
    return code in RESOLVERS and code in event_kinds()


def planned_module(code: str) -> str | None:
    entry = event_kinds().get(code)
    return entry.get("module") if entry and code not in RESOLVERS else None


def event_name(code: str) -> str:
    return event_kinds().get(code, {}).get("name", code)
