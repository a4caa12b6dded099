"""The communication calendar as an iCalendar (RFC 5545) file for Outlook and Google
Calendar, its descriptions in the reader's language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from opmodel.knowledge.texts import Message, label

if TYPE_CHECKING:
    from opmodel.engines.change.calendar_export import CalendarExport
    from opmodel.engines.change.communication import CommunicationEvent

PRODID = "-//opmodel//change communication calendar//EN"


class CalendarExportError(ValueError):
    """The calendar cannot be written (an unknown time zone); ``message`` says why."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text("en"))
        self.message = message


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarExportError(Message(code="calendar.unknown_timezone",
                                          params={"name": name})) from None


def _text(value: str) -> str:
    """Line breaks as iCalendar knows them (a lone CR would not survive the round trip)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _description(event: CommunicationEvent, export: CalendarExport, lang: str) -> str:
    names = export.stakeholders
    lines = [event.message] if event.message else []

    def field(name: str, value: str) -> None:
        lines.append(f"{label('calendar_field', name, lang)}: {value}")

    if event.channel:
        field("channel", event.channel)
    if event.owner:
        field("owner", names.get(event.owner, event.owner))
    if event.audience:
        field("audience", ", ".join(names.get(a, a) for a in event.audience))
    if event.groups:
        field("groups", ", ".join(export.groups.get(g, g) for g in event.groups))
    return _text("\n".join(lines))


def to_ics(export: CalendarExport, lang: str, stamp: dt.datetime) -> bytes:
    """The plan as UTF-8 iCalendar bytes: one VEVENT per event, or per message with RRULE.

    ``lang`` is the language of the descriptions; ``stamp`` the DTSTAMP (UTC). With the
    export's ``rrule`` the nominal recurrence is written and working-day shifts are lost.
    """
    from icalendar import Calendar, Event, Timezone, vCalAddress, vRecur

    plan, rrule = export.plan, export.rrule
    names, emails = export.stakeholders, export.emails
    zone = _zone(plan.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", export.name)
    if plan.timezone:
        cal.add("x-wr-timezone", plan.timezone)
    if zone is not None and any(e.time is not None for e in plan.events):
        # before the events (Outlook wants it first); add_missing_timezones() would rescan them
        years = [e.date.year for e in plan.events]
        try:
            timezone = Timezone.from_tzinfo(zone, plan.timezone, dt.date(min(years), 1, 1),
                                            dt.date(max(years) + 1, 1, 1))
        except (OverflowError, ValueError):  # dates near the year 9999: the library's default span
            timezone = Timezone.from_tzinfo(zone, plan.timezone)
        cal.add_component(timezone)
    series = {s.communication: s for s in plan.series}
    for event in plan.events:
        if rrule and event.sequence > 1:
            continue  # one VEVENT per message; its RRULE carries the rest
        item = Event()
        item.add("uid", f"{event.communication}-{plan.calendar_id}@opmodel" if rrule else event.uid)
        item.add("dtstamp", stamp.astimezone(dt.UTC))
        item.add("sequence", 0)
        item.add("summary", _text(event.title))
        day = (series[event.communication].first or event.date) if rrule else event.date
        start: dt.date = day if event.time is None else dt.datetime.combine(day, event.time,
                                                                           tzinfo=zone)
        length = dt.timedelta(days=1) if event.time is None else dt.timedelta(
            minutes=event.duration_minutes)
        item.add("dtstart", start)
        if day < dt.date.max:
            item.add("dtend", start + length)  # on the very last day the end is implied
        if event.time is None:
            item.add("transp", "TRANSPARENT")
        text = _description(event, export, lang)
        if text:
            item.add("description", text)
        if event.channel:
            item.add("categories", [event.channel])
        if event.owner and event.owner in emails:
            organizer = vCalAddress(f"mailto:{emails[event.owner]}")
            organizer.params["cn"] = names.get(event.owner, event.owner)
            item.add("organizer", organizer)
        for who in event.audience:
            if who in emails:
                attendee = vCalAddress(f"mailto:{emails[who]}")
                attendee.params["cn"] = names.get(who, who)
                attendee.params["role"] = "OPT-PARTICIPANT"
                item.add("attendee", attendee)
        rule = series[event.communication].rrule
        if rrule and rule:
            recur = vRecur.from_ical(rule)
            if event.time is not None and "UNTIL" in recur:
                # RFC 5545: with a zoned DTSTART, UNTIL is a UTC date-time (the day's end)
                last = recur["UNTIL"][0]
                recur["UNTIL"] = [dt.datetime.combine(last, dt.time(23, 59, 59), tzinfo=zone)
                                  .astimezone(dt.UTC)]
            item.add("rrule", recur)
        cal.add_component(item)
    data: bytes = cal.to_ical()
    return data
