"""The communication calendar as an iCalendar (.ics) file for Outlook and Google Calendar."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

if TYPE_CHECKING:
    from opmodel.engines.change.communication import CommunicationCalendar, CommunicationEvent

PRODID = "-//opmodel//change communication calendar//EN"

_LABELS = {
    "en": {"channel": "Channel", "owner": "Owner", "audience": "Audience", "groups": "Groups"},
    "ja": {"channel": "チャネル", "owner": "担当", "audience": "対象者", "groups": "対象グループ"},
}


class CalendarExportError(ValueError):
    """The calendar cannot be written (an unknown time zone), in both languages."""

    def __init__(self, en: str, ja: str) -> None:
        super().__init__(en)
        self.en, self.ja = en, ja


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise CalendarExportError(
            f"change.timezone: '{name}' is not a known time zone (use an IANA name such as Asia/Tokyo)",
            f"change.timezone: '{name}' は不明なタイムゾーンです（Asia/Tokyo のような IANA 名を指定してください）",
        ) from None


def _text(value: str) -> str:
    """Line breaks as iCalendar knows them (a lone CR would not survive the round trip)."""
    return value.replace("\r\n", "\n").replace("\r", "\n")


def _description(event: CommunicationEvent, names: dict[str, str], lang: str) -> str:
    label = _LABELS["ja" if lang == "ja" else "en"]
    lines = [event.message] if event.message else []
    if event.channel:
        lines.append(f"{label['channel']}: {event.channel}")
    if event.owner:
        lines.append(f"{label['owner']}: {names.get(event.owner, event.owner)}")
    if event.audience:
        lines.append(f"{label['audience']}: " + ", ".join(names.get(a, a) for a in event.audience))
    if event.groups:
        lines.append(f"{label['groups']}: " + ", ".join(event.groups))
    return _text("\n".join(lines))


def calendar_to_ics(plan: CommunicationCalendar, *, name: str, stamp: dt.datetime,
                    lang: str = "en", names: dict[str, str] | None = None,
                    emails: dict[str, str] | None = None, rrule: bool = False) -> bytes:
    """The plan as UTF-8 iCalendar bytes: one VEVENT per event, or per message with RRULE.

    ``stamp`` is the DTSTAMP (UTC); ``names`` and ``emails`` map stakeholder ids to how they
    appear. With ``rrule`` the nominal recurrence is written and working-day shifts are lost.
    """
    from icalendar import Calendar, Event, Timezone, vCalAddress, vRecur

    names, emails = names or {}, emails or {}
    zone = _zone(plan.timezone)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
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
        text = _description(event, names, lang)
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
