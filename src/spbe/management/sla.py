"""The SLA clock: business time between events, computed from the ticket's event history.

Nothing here is stored state. A ticket's clock is a pure function of
- its events (opened, priority changes, waiting for the requester and resumed, resolved and
  reopened), in time order;
- the targets for response and resolution per priority, as the rules say *now*;
- the working calendar: business hours per weekday and the closed days (national holidays,
  collective leave, regional days).

So changing a rule, a priority or the calendar never loses paused time (the failure of GLPI
#15605, where pending time was a counter a rule change reset): the clock is simply computed
again from the history. Times are whole seconds.
"""

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spbe.core.datafiles import read_yaml

DATA = Path(__file__).resolve().parent / "data"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Event kinds the clock reads (TicketEventKind values); others (comments) do not move it.
OPENED, RESPONDED, PRIORITY, WAITING, RESUMED = "opened", "responded", "priority", "waiting", "resumed"
ESCALATED, RESOLVED, REOPENED, CLOSED = "escalated", "resolved", "reopened", "closed"
STOPS = {WAITING, RESOLVED, CLOSED}
STARTS = {RESUMED, REOPENED}
FIRST_RESPONSES = {RESPONDED, ESCALATED, RESOLVED, WAITING}


@dataclass(frozen=True)
class Calendar:
    """Business hours per weekday (Monday = 0) as (start, end) times, and the closed dates."""

    hours: tuple[tuple[tuple[datetime.time, datetime.time], ...], ...]
    closed: frozenset = frozenset()
    tz: datetime.tzinfo = datetime.UTC

    def intervals(self, day: datetime.date):
        """The business intervals of one day as aware datetimes (none on a closed day)."""
        if day in self.closed:
            return []
        return [
            (
                datetime.datetime.combine(day, start, tzinfo=self.tz),
                datetime.datetime.combine(day, end, tzinfo=self.tz),
            )
            for start, end in self.hours[day.weekday()]
        ]

    def business_seconds(self, start: datetime.datetime, end: datetime.datetime) -> int:
        """Business seconds between two instants."""
        if end <= start:
            return 0
        start, end = start.astimezone(self.tz), end.astimezone(self.tz)
        total, day = 0, start.date()
        while day <= end.date():
            for a, b in self.intervals(day):
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    total += int((hi - lo).total_seconds())
            day += datetime.timedelta(days=1)
        return total

    def add_business(self, start: datetime.datetime, seconds: int) -> datetime.datetime | None:
        """The instant `seconds` business seconds after `start` (None past a year of closed days)."""
        start = start.astimezone(self.tz)
        remaining, day = seconds, start.date()
        for _ in range(800):
            for a, b in self.intervals(day):
                lo = max(a, start)
                if b <= lo:
                    continue
                span = int((b - lo).total_seconds())
                if remaining <= span:
                    return lo + datetime.timedelta(seconds=remaining)
                remaining -= span
            day += datetime.timedelta(days=1)
        return None


@dataclass(frozen=True)
class Event:
    at: datetime.datetime
    kind: str
    priority: str = ""  # for "opened" and "priority"


@dataclass
class Clock:
    """What the ticket's clock says at `now`."""

    priority: str
    running: bool
    response_target: int  # business seconds
    resolution_target: int
    response_elapsed: int
    resolution_elapsed: int
    responded_at: datetime.datetime | None
    response_due: datetime.datetime | None
    resolution_due: datetime.datetime | None  # None while the clock is stopped and not yet due
    paused_seconds: int  # business seconds spent waiting for the requester
    response_breached: bool = False
    resolution_breached: bool = False
    segments: list = field(default_factory=list)  # (start, end or None) while running


def running_segments(events: list[Event], now: datetime.datetime):
    """(start, end) spans in which the clock ran; the last end is None when still running."""
    segments, started, paused = [], None, []
    pause_start = None
    for event in sorted(events, key=lambda e: e.at):
        if event.kind == OPENED and started is None and not segments:
            started = event.at
        elif event.kind in STOPS and started is not None:
            segments.append((started, event.at))
            started = None
            if event.kind == WAITING:
                pause_start = event.at
        elif event.kind in STARTS and started is None and segments:
            started = event.at
            if pause_start is not None:
                paused.append((pause_start, event.at))
                pause_start = None
        elif event.kind in STOPS | STARTS:
            continue
    if started is not None:
        segments.append((started, None))
    if pause_start is not None:
        paused.append((pause_start, now))
    return segments, paused


def _elapsed_until(calendar: Calendar, segments, limit: datetime.datetime) -> int:
    total = 0
    for start, end in segments:
        end = limit if end is None else min(end, limit)
        total += calendar.business_seconds(start, end)
    return total


def _due(calendar: Calendar, segments, target: int, now: datetime.datetime) -> datetime.datetime | None:
    """When the running clock reaches `target`: inside a past segment, or from the running one.
    None when the clock is stopped before reaching it."""
    used = 0
    for start, end in segments:
        span = calendar.business_seconds(start, end if end is not None else now)
        if end is None or used + span >= target:
            return calendar.add_business(start, target - used)
        used += span
    return None


def _clip(segments, limit):
    """The segments up to `limit`, the last one left open (the due time it had when answered)."""
    if limit is None:
        return segments
    clipped = [(start, end) for start, end in segments if start < limit]
    if clipped:
        clipped[-1] = (clipped[-1][0], None)
    return clipped


def compute(
    events: list[Event], targets: dict[str, tuple[int, int]], calendar: Calendar, now: datetime.datetime
) -> Clock:
    """The clock at `now`. `targets`: priority -> (response, resolution) in business seconds,
    as the rules are now; the current priority (the last one set) chooses the target."""
    ordered = sorted(events, key=lambda e: e.at)
    priority = ""
    for event in ordered:
        if event.kind in (OPENED, PRIORITY) and event.priority:
            priority = event.priority
    response_target, resolution_target = targets[priority]
    segments, paused = running_segments(ordered, now)
    responded_at = next((e.at for e in ordered if e.kind in FIRST_RESPONSES), None)
    resolution_elapsed = _elapsed_until(calendar, segments, now)
    response_elapsed = _elapsed_until(calendar, segments, responded_at or now)
    running = bool(segments) and segments[-1][1] is None
    response_due = _due(calendar, _clip(segments, responded_at), response_target, responded_at or now)
    resolution_due = _due(calendar, segments, resolution_target, now)
    return Clock(
        priority=priority,
        running=running,
        response_target=response_target,
        resolution_target=resolution_target,
        response_elapsed=response_elapsed,
        resolution_elapsed=resolution_elapsed,
        responded_at=responded_at,
        response_due=response_due,
        resolution_due=resolution_due,
        paused_seconds=sum(calendar.business_seconds(a, b) for a, b in paused),
        response_breached=response_elapsed > response_target,
        resolution_breached=resolution_elapsed > resolution_target,
        segments=segments,
    )


# --- the calendar as data ---------------------------------------------------------------------


def _time(text: str) -> datetime.time:
    hours, minutes = text.split(":")
    return datetime.time(int(hours), int(minutes))


@lru_cache(maxsize=1)
def settings_data() -> dict:
    return read_yaml(DATA / "sla.yaml")


def business_hours() -> tuple:
    hours = settings_data()["business_hours"]
    return tuple(tuple((_time(a), _time(b)) for a, b in hours.get(day) or ()) for day in WEEKDAYS)


def default_targets() -> dict[str, tuple[int, int]]:
    """priority -> (response, resolution) in business seconds, from data/sla.yaml."""
    return {
        priority: (int(value["response"]) * 60, int(value["resolution"]) * 60)
        for priority, value in settings_data()["default_targets"].items()
    }


def collective_leave() -> dict[int, dict]:
    """year -> {"source": text, "days": {date: name}} from data/collective_leave.yaml."""
    data = read_yaml(DATA / "collective_leave.yaml")
    return {int(year): value for year, value in (data.get("years") or {}).items()}


def national_holidays(year: int) -> dict[datetime.date, str]:
    """Indonesian national public holidays of one year (the `holidays` package), in Indonesian."""
    import holidays

    return dict(holidays.country_holidays("ID", years=[year], categories=("public",), language="id"))
