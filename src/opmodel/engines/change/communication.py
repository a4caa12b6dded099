"""The communication calendar: concrete events from the plan's messages, anchored to the roadmap."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
from collections import Counter
from typing import Literal

from pydantic import BaseModel

from opmodel.document.change import Communication, Frequency
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError
from opmodel.document.timeline import Timeline, document_timeline, resolve_anchor
from opmodel.knowledge.texts import Message

MAX_EVENTS = 1000
"""Occurrences per message at most (a daily message over three years stays well below)."""

DEFAULT_SPAN_DAYS = 365
"""How long a recurring message runs without an end when the roadmap has no dates either."""

Unscheduled = Literal["no_start", "start_unresolved"]

_STEP_DAYS = {Frequency.daily: 1, Frequency.weekly: 7, Frequency.biweekly: 14}
_STEP_MONTHS = {Frequency.monthly: 1, Frequency.quarterly: 3}
_RRULE = {Frequency.daily: "FREQ=DAILY", Frequency.weekly: "FREQ=WEEKLY",
          Frequency.biweekly: "FREQ=WEEKLY;INTERVAL=2", Frequency.monthly: "FREQ=MONTHLY",
          Frequency.quarterly: "FREQ=MONTHLY;INTERVAL=3"}


class CommunicationEvent(BaseModel):
    """One concrete send-out or meeting of a message."""

    uid: str
    communication: str
    sequence: int
    date: dt.date
    time: dt.time | None
    duration_minutes: int
    title: str
    message: str | None
    channel: str | None
    owner: str | None
    audience: list[str]
    groups: list[str]


class CommunicationSeries(BaseModel):
    """A message's resolved window and recurrence, or why it could not be scheduled."""

    communication: str
    frequency: Frequency
    first: dt.date | None
    until: dt.date | None
    until_from: Literal["end", "roadmap", "default", "once"] | None
    rrule: str | None
    events: int
    unscheduled: Unscheduled | None = None
    """Why it has no events: ``no_start`` (no start given) or ``start_unresolved`` (its
    start has no date, not even from the roadmap schedule)."""


class CommunicationCalendar(BaseModel):
    """Every event of the communication plan, per message and per month."""

    calendar_id: str
    timezone: str | None
    timeline_from: Literal["document", "schedule", "none"]
    schedule_problem: Message | None = None
    """Why the roadmap schedule could not date the anchors, if it was tried: the scheduler's
    problem (its code and parameters)."""
    series: list[CommunicationSeries]
    events: list[CommunicationEvent]
    per_month: dict[str, int]


def _scheduled_dates(model: OperatingModel, timeline: Timeline) -> bool | Message:
    """Fill the dates the document lacks from the roadmap schedule (heuristic, quick).

    Returns whether it filled any, or why the roadmap cannot be scheduled.
    """
    from opmodel.engines.planning.roadmap_schedule import schedule_roadmap

    try:
        schedule = schedule_roadmap(model, method="heuristic")
    except DocumentError as exc:  # no durations, no capacity, cycles ...
        first = exc.problems[0]
        return Message(code=first.code, params=first.params)
    except ValueError as exc:  # a fault of the scheduler itself: its own words
        return Message(code="calendar.schedule_failed", params={"detail": str(exc)})
    used = False
    for phase in schedule.phases:
        start, end = timeline.phases.get(phase.id, (None, None))
        if start is None or end is None:
            timeline.phases[phase.id] = (start or phase.start, end or phase.finish)
            used = True
    for milestone in schedule.milestones:
        if timeline.milestones.get(milestone.id) is None and milestone.date is not None:
            timeline.milestones[milestone.id] = milestone.date
            used = True
    for item in schedule.items:
        start, end = timeline.initiatives.get(item.id, (None, None))
        if start is None or end is None:
            timeline.initiatives[item.id] = (start or item.start, end or item.finish)
            used = True
    return used


TimelineSource = Literal["document", "schedule", "none"]


def roadmap_timeline(model: OperatingModel) -> tuple[Timeline, TimelineSource, Message | None]:
    """Dates from the document first; when a message's anchor lacks one, the roadmap schedule's.

    Also returns why the schedule could not help, when it was tried and failed.
    """
    timeline = document_timeline(model.roadmap)
    anchors = [a for c in (model.change.communications if model.change else [])
               for a in (c.start, c.end) if a is not None]
    gaps = any(resolve_anchor(a, timeline) is None for a in anchors)
    problem: Message | None = None
    if gaps and model.roadmap and model.roadmap.initiatives:
        filled = _scheduled_dates(model, timeline)
        if filled is True:
            return timeline, "schedule", None
        problem = filled if isinstance(filled, Message) else None
    return timeline, "document" if timeline.last_date() else "none", problem


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _nominal(comm: Communication, first: dt.date, until: dt.date) -> list[dt.date]:
    if comm.frequency is Frequency.once:
        return [first]
    days: list[dt.date] = []
    k = 0
    while len(days) < MAX_EVENTS:
        try:
            if comm.frequency in _STEP_DAYS:
                day = first + dt.timedelta(days=k * _STEP_DAYS[comm.frequency])
            else:
                day = _add_months(first, k * _STEP_MONTHS[comm.frequency])
        except (OverflowError, ValueError):  # past the year 9999
            break
        if day > until:
            break
        days.append(day)
        k += 1
    return days


def _working_days(model: OperatingModel, days: list[dt.date], daily: bool, until: dt.date
                  ) -> list[dt.date]:
    """Move events off weekends and holidays: daily ones are dropped, others go to the next working day."""
    cal = model.roadmap.calendar if model.roadmap else None
    working = set(cal.working_days) if cal else {0, 1, 2, 3, 4}
    holidays = set(cal.holidays) if cal else set()
    if not working:
        return days
    out: list[dt.date] = []
    for day in days:
        if daily and (day.weekday() not in working or day in holidays):
            continue
        while (day.weekday() not in working or day in holidays) and day < dt.date.max:
            day += dt.timedelta(days=1)
        if (not out or day > out[-1]) and (day <= until or len(days) == 1):
            out.append(day)
    return out


def calendar_id(model: OperatingModel) -> str:
    """A short id stable for one organisation's model, used in event UIDs."""
    key = f"{model.metadata.organisation or ''}/{model.metadata.name}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


def plan_communications(model: OperatingModel) -> CommunicationCalendar:
    """Concrete events of every message, with start and end resolved against the roadmap."""
    change = model.change
    timeline, source, schedule_problem = roadmap_timeline(model)
    cal_id = calendar_id(model)
    series, events = [], []
    for comm in change.communications if change else []:
        first = resolve_anchor(comm.start, timeline) if comm.start else None
        if first is None:
            reason: Unscheduled = "no_start" if comm.start is None else "start_unresolved"
            series.append(CommunicationSeries(communication=comm.id, frequency=comm.frequency,
                                              first=None, until=None, until_from=None, rrule=None,
                                              events=0, unscheduled=reason))
            continue
        until_from: Literal["end", "roadmap", "default", "once"]
        end = resolve_anchor(comm.end, timeline) if comm.end else None
        if comm.frequency is Frequency.once:
            until, until_from = first, "once"
        elif end is not None:
            until, until_from = end, "end"
        elif (last := timeline.last_date()) and last >= first:
            until, until_from = last, "roadmap"
        else:
            until = min(first, dt.date.max - dt.timedelta(days=DEFAULT_SPAN_DAYS)) + dt.timedelta(
                days=DEFAULT_SPAN_DAYS)
            until_from = "default"
        days = _working_days(model, _nominal(comm, first, until),
                             comm.frequency is Frequency.daily, until)
        rrule = None
        if comm.frequency is not Frequency.once:
            rrule = f"{_RRULE[comm.frequency]};UNTIL={until:%Y%m%d}"
        series.append(CommunicationSeries(communication=comm.id, frequency=comm.frequency,
                                          first=first, until=until, until_from=until_from,
                                          rrule=rrule, events=len(days)))
        for n, day in enumerate(days, start=1):
            # built from validated document values: skip re-validating thousands of events
            events.append(CommunicationEvent.model_construct(
                uid=f"{comm.id}-{n:03d}-{cal_id}@opmodel", communication=comm.id, sequence=n,
                date=day, time=comm.time, duration_minutes=comm.duration_minutes,
                title=comm.name or comm.message or comm.id, message=comm.message,
                channel=comm.channel, owner=comm.owner, audience=list(comm.audience),
                groups=list(comm.groups)))
    events.sort(key=lambda e: (e.date, e.time or dt.time(0), e.communication))
    per_month = Counter(f"{e.date:%Y-%m}" for e in events)
    return CommunicationCalendar(calendar_id=cal_id, timezone=change.timezone if change else None,
                                 timeline_from=source, schedule_problem=schedule_problem,
                                 series=series, events=events,
                                 per_month=dict(sorted(per_month.items())))


def calendar_notes(model: OperatingModel, plan: CommunicationCalendar) -> list[Message]:
    """What could not be scheduled and why: the roadmap schedule's problem when it left
    messages undated, then one ``calendar.<reason>`` per message without events."""
    names = {c.id: c.name or c.id for c in model.change.communications} if model.change else {}
    unscheduled = [s for s in plan.series if s.unscheduled]
    notes = []
    if unscheduled and plan.schedule_problem is not None:
        notes.append(Message(code="calendar.schedule_problem",
                             params={"problem": plan.schedule_problem}))
    for series in unscheduled:
        notes.append(Message(code=f"calendar.{series.unscheduled}",
                             params={"communication": series.communication,
                                     "name": names.get(series.communication, series.communication)}))
    return notes
