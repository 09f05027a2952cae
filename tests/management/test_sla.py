"""The SLA clock (spbe.management.sla) against a simple reference: minute by minute, is the
office open and is the clock running? Random histories of pauses, priority changes, resolutions
and reopenings over weeks with holidays agree with it; a person's own computation of a due time
across a holiday weekend agrees with it; and rules changed afterwards keep paused time."""

import datetime
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from spbe.management import sla

TZ = zoneinfo.ZoneInfo("Asia/Makassar")
HOURS = sla.business_hours()
HOLIDAYS = frozenset({datetime.date(2026, 6, 1), datetime.date(2026, 5, 28), datetime.date(2026, 5, 27)})
CAL = sla.Calendar(hours=HOURS, closed=HOLIDAYS, tz=TZ)
TARGETS = {
    "p1": (30 * 60, 240 * 60),
    "p2": (60 * 60, 480 * 60),
    "p3": (240 * 60, 1350 * 60),
    "p4": (480 * 60, 2700 * 60),
}
START = datetime.datetime(2026, 5, 25, 7, 0, tzinfo=TZ)  # a Monday before Idul Adha and Pancasila Day


def at(minutes: int) -> datetime.datetime:
    return START + datetime.timedelta(minutes=minutes)


def reference_running_business_seconds(events, now):
    """Minute by minute: count a minute when the office is open and the clock runs."""
    ordered = sorted(events, key=lambda e: e.at)
    total, t = 0, ordered[0].at
    while t < now:
        state_events = [e for e in ordered if e.at <= t]
        running = False
        for e in state_events:
            if e.kind == "opened":
                running = True
            elif e.kind in ("waiting", "resolved", "closed"):
                running = False
            elif e.kind in ("resumed", "reopened") and any(x.kind == "opened" for x in state_events):
                running = True
        local = t.astimezone(TZ)
        open_now = local.date() not in HOLIDAYS and any(
            a <= local.time() < b for a, b in HOURS[local.weekday()]
        )
        if running and open_now:
            total += 60
        t += datetime.timedelta(minutes=1)
    return total


# A valid history: opened, then steps whose kind follows the state (no resume when not paused).
STEP = st.tuples(
    st.integers(min_value=1, max_value=900),
    st.sampled_from(["wait", "resume", "priority", "resolve", "reopen"]),
    st.sampled_from(list(TARGETS)),
)


def history(steps, first_priority):
    events = [sla.Event(at(0), "opened", first_priority)]
    minute, state = 0, "running"
    for gap, action, priority in steps:
        minute += gap
        if action == "wait" and state == "running":
            events.append(sla.Event(at(minute), "waiting"))
            state = "waiting"
        elif action == "resume" and state == "waiting":
            events.append(sla.Event(at(minute), "resumed"))
            state = "running"
        elif action == "resolve" and state == "running":
            events.append(sla.Event(at(minute), "resolved"))
            state = "resolved"
        elif action == "reopen" and state == "resolved":
            events.append(sla.Event(at(minute), "reopened"))
            state = "running"
        elif action == "priority" and state != "resolved":
            events.append(sla.Event(at(minute), "priority", priority))
    return events, minute


@settings(max_examples=40, deadline=None)
@given(st.lists(STEP, max_size=10), st.sampled_from(list(TARGETS)), st.integers(min_value=0, max_value=600))
def test_elapsed_business_time_agrees_with_minute_by_minute_reference(steps, first, tail):
    events, last = history(steps, first)
    now = at(last + tail)
    clock = sla.compute(events, TARGETS, CAL, now)
    assert clock.resolution_elapsed == reference_running_business_seconds(events, now)
    current = [e.priority for e in events if e.priority][-1]
    assert clock.resolution_target == TARGETS[current][1]
    assert clock.resolution_breached == (clock.resolution_elapsed > TARGETS[current][1])
    if clock.running and clock.resolution_due is not None and clock.resolution_due > now:
        # the due time: exactly the remaining business time after now
        remaining = TARGETS[current][1] - clock.resolution_elapsed
        assert CAL.business_seconds(now, clock.resolution_due) == remaining


@settings(max_examples=25, deadline=None)
@given(st.lists(STEP, min_size=1, max_size=8), st.sampled_from(list(TARGETS)))
def test_changing_the_rules_later_never_loses_paused_time(steps, first):
    """GLPI #15605: the paused time is the history's, not a counter a rule change resets."""
    events, last = history(steps, first)
    now = at(last + 60)
    before = sla.compute(events, TARGETS, CAL, now)
    doubled = {p: (r * 2, s * 2) for p, (r, s) in TARGETS.items()}
    after = sla.compute(events, doubled, CAL, now)
    assert after.paused_seconds == before.paused_seconds
    assert after.resolution_elapsed == before.resolution_elapsed


def test_friday_16_00_before_a_holiday_weekend_is_due_on_tuesday_16_00():
    """Opened Friday 29 May 2026 at 16:00 WITA with 8 business hours to resolve. Friday closes at
    16:30 (half an hour used); Saturday, Sunday and Monday 1 June (Hari Lahir Pancasila) are
    closed; Tuesday 07:30-12:00 (4.5 hours, 5 in all) and 13:00-16:00 (3 more): due Tuesday
    2 June at 16:00."""
    opened = datetime.datetime(2026, 5, 29, 16, 0, tzinfo=TZ)
    clock = sla.compute([sla.Event(opened, "opened", "p2")], TARGETS, CAL, opened)
    assert clock.resolution_due == datetime.datetime(2026, 6, 2, 16, 0, tzinfo=TZ)
    # response within 1 business hour: 30 minutes on Friday, 30 more on Tuesday morning
    assert clock.response_due == datetime.datetime(2026, 6, 2, 8, 0, tzinfo=TZ)


def test_waiting_for_the_requester_moves_the_due_time_by_the_business_time_waited():
    opened = datetime.datetime(2026, 6, 2, 8, 0, tzinfo=TZ)  # Tuesday
    events = [
        sla.Event(opened, "opened", "p2"),
        sla.Event(opened + datetime.timedelta(hours=1), "waiting"),
        sla.Event(opened + datetime.timedelta(hours=3), "resumed"),  # 2 business hours waited
    ]
    clock = sla.compute(events, TARGETS, CAL, opened + datetime.timedelta(hours=3))
    assert clock.paused_seconds == 2 * 3600
    # 8 hours from 08:00 Tuesday: 12:00 (4h), 13:00-16:00 (7h), Wednesday 07:30-08:30 -> plus 2h waited
    assert clock.resolution_due == datetime.datetime(2026, 6, 3, 10, 30, tzinfo=TZ)


@pytest.mark.parametrize("year", [datetime.date.today().year, datetime.date.today().year + 1])
def test_holidays_of_the_current_and_next_year_are_shipped_with_their_source(year):
    leave = sla.collective_leave()
    assert year in leave and leave[year]["days"], (
        f"no collective leave for {year} in data/collective_leave.yaml"
    )
    assert "SKB" in leave[year]["source"]
    national = sla.national_holidays(year)
    assert datetime.date(year, 8, 17) in national  # Hari Kemerdekaan
    assert datetime.date(year, 1, 1) in national
