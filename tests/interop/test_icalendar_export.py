"""The .ics export read back with icalendar: events, stable UIDs, dates, recurrence, people
and groups by name, and text in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar

from opmodel.document import OperatingModel
from opmodel.document.change import Anchor, Frequency
from opmodel.engines.change.calendar_export import export_calendar
from opmodel.engines.change.communication import plan_communications
from opmodel.interop.icalendar_export import CalendarExportError, to_ics
from opmodel.interop.model_files import load
from support.change_sample import SAMPLE

STAMP = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def _sample() -> OperatingModel:
    """The sample with a name for the CIO and an e-mail address for the business head."""
    model = load(SAMPLE)
    assert model.change is not None
    people = {s.id: s for s in model.change.stakeholders}
    people["cio"].name = "山田"
    people["bu-head"].email = "bu@example.com"
    return model


def _ics(model: OperatingModel, lang: str = "en", rrule: bool = False) -> bytes:
    return to_ics(export_calendar(model, rrule=rrule), lang, STAMP)


def _export(timezone: str | None = None, lang: str = "en", rrule: bool = False) -> Calendar:
    model = _sample()
    assert model.change is not None
    model.change.timezone = timezone
    return Calendar.from_ical(_ics(model, lang, rrule))


def test_every_event_is_written_with_its_uid() -> None:
    cal = _export(lang="ja")
    events = cal.walk("VEVENT")
    plan = plan_communications(load(SAMPLE))
    assert [str(e["UID"]) for e in events] == [e.uid for e in plan.events]
    assert str(cal["X-WR-CALNAME"]) == "変革計画サンプル" and str(cal["VERSION"]) == "2.0"
    assert all(e.decoded("DTSTAMP") == STAMP for e in events)


def test_uids_are_stable_between_exports() -> None:
    first = [str(e["UID"]) for e in _export().walk("VEVENT")]
    assert first == [str(e["UID"]) for e in _export().walk("VEVENT")]
    assert len(set(first)) == len(first)


def test_all_day_and_timed_events() -> None:
    events = _export().walk("VEVENT")
    kickoff = next(e for e in events if str(e["UID"]).startswith("kickoff-"))
    assert kickoff.decoded("DTSTART") == dt.date(2026, 4, 6)
    assert kickoff.decoded("DTEND") == dt.date(2026, 4, 7)
    update = next(e for e in events if str(e["UID"]).startswith("weekly-update-001"))
    assert update.decoded("DTSTART") == dt.datetime(2026, 4, 6, 9, 30)
    assert update.decoded("DTEND") - update.decoded("DTSTART") == dt.timedelta(minutes=60)


def test_time_zone_is_declared_and_used() -> None:
    cal = _export("Asia/Tokyo")
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Tokyo"]
    update = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("weekly-update-001"))
    start = update.decoded("DTSTART")
    assert start.utcoffset() == dt.timedelta(hours=9)
    assert start.astimezone(dt.UTC) == dt.datetime(2026, 4, 6, 0, 30, tzinfo=dt.UTC)


def test_japanese_text_survives_in_utf8() -> None:
    data = _ics(_sample(), "ja")
    assert data.decode("utf-8")  # valid UTF-8, folded lines never split a character
    kickoff = next(e for e in Calendar.from_ical(data).walk("VEVENT")
                   if str(e["UID"]).startswith("kickoff-"))
    assert str(kickoff["SUMMARY"]) == "変革の目的と進め方を説明します"
    description = str(kickoff["DESCRIPTION"])
    # people and groups by their names, the field names in the reader's language
    assert "担当: 山田" in description and "対象グループ: サービスデスク, 委託先" in description


def test_descriptions_follow_the_language_asked_for() -> None:
    kickoff = next(e for e in _export(lang="en").walk("VEVENT")
                   if str(e["UID"]).startswith("kickoff-"))
    description = str(kickoff["DESCRIPTION"])
    assert "Owner: 山田" in description and "Groups: サービスデスク, 委託先" in description
    assert "Channel: town-hall" in description


def test_attendees_with_email() -> None:
    update = next(e for e in _export().walk("VEVENT") if str(e["UID"]).startswith("weekly-update"))
    assert str(update["ATTENDEE"]) == "mailto:bu@example.com"


def test_rrule_mode_writes_one_event_per_message() -> None:
    events = _export(rrule=True).walk("VEVENT")
    assert len(events) == 2
    update = next(e for e in events if str(e["UID"]).startswith("weekly-update"))
    rule = update.decoded("RRULE")
    assert rule["FREQ"] == ["WEEKLY"] and rule["INTERVAL"] == [2]
    # a timed event: UNTIL in UTC, the end of the last day in the plan's zone (RFC 5545)
    until = rule["UNTIL"][0]
    assert isinstance(until, dt.datetime) and until.utcoffset() == dt.timedelta(0)
    assert until.astimezone(update.decoded("DTSTART").tzinfo).date() == dt.date(2026, 9, 30)
    assert b"UNTIL=20260930T" in update.to_ical() and b"Z" in update["RRULE"].to_ical()
    assert "RRULE" not in next(e for e in events if str(e["UID"]).startswith("kickoff"))


def test_unknown_time_zone_is_a_clear_error() -> None:
    with pytest.raises(CalendarExportError) as caught:
        _export("Mars/Olympus")
    message = caught.value.message
    assert message.code == "calendar.unknown_timezone" and message.params == {"name": "Mars/Olympus"}
    assert "Mars/Olympus" in message.text("en") and "タイムゾーン" in message.text("ja")
    assert "IANA" in message.hint("en")


def test_daylight_saving_offsets_read_back() -> None:
    model = load(SAMPLE)
    assert model.change is not None
    model.change.timezone = "Europe/Berlin"
    model.change.communications[1].start = Anchor(date=dt.date(2026, 3, 16))
    data = _ics(model)
    cal = Calendar.from_ical(data)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    starts = {e.decoded("DTSTART").date(): e.decoded("DTSTART").utcoffset()
              for e in cal.walk("VEVENT") if str(e["UID"]).startswith("weekly-update")}
    assert starts[dt.date(2026, 3, 16)] == dt.timedelta(hours=1)  # winter time
    assert starts[dt.date(2026, 3, 30)] == dt.timedelta(hours=2)  # summer time from 29 March
    assert data.index(b"BEGIN:VTIMEZONE") < data.index(b"BEGIN:VEVENT")


def test_events_on_the_last_day_of_the_calendar_export() -> None:
    model = load(SAMPLE)
    assert model.change is not None
    model.change.timezone = "Asia/Tokyo"
    model.change.communications[0].start = Anchor(date=dt.date(9999, 12, 31))
    model.change.communications[1].start = Anchor(date=dt.date(9999, 12, 20))
    model.change.communications[1].end = Anchor(date=dt.date(9999, 12, 31))
    cal = Calendar.from_ical(_ics(model))
    last = next(e for e in cal.walk("VEVENT") if str(e["UID"]).startswith("kickoff"))
    assert last.decoded("DTSTART") == dt.date(9999, 12, 31) and "DTEND" not in last


@settings(max_examples=20, deadline=None)
@given(frequency=st.sampled_from(["once", "daily", "weekly", "biweekly", "monthly", "quarterly"]),
       start=st.dates(dt.date(2020, 1, 1), dt.date(2040, 12, 31)),
       span=st.integers(0, 120),
       at=st.none() | st.times(),
       title=st.text(min_size=1, max_size=40).filter(str.strip))
def test_round_trip_keeps_every_event(frequency: str, start: dt.date, span: int,
                                      at: dt.time | None, title: str) -> None:
    model = load(SAMPLE)
    assert model.change is not None
    comm = model.change.communications[1]
    comm.frequency = Frequency(frequency)
    comm.start = Anchor(date=start)
    comm.end = Anchor(date=start + dt.timedelta(days=span))
    comm.time = at.replace(microsecond=0) if at else None
    comm.name = title
    plan = plan_communications(model)
    cal = Calendar.from_ical(_ics(model))
    read = {str(e["UID"]): (e.decoded("DTSTART"), str(e["SUMMARY"])) for e in cal.walk("VEVENT")}
    for event in plan.events:
        start_back, summary = read[event.uid]
        day = start_back.date() if isinstance(start_back, dt.datetime) else start_back
        assert day == event.date
        assert summary == event.title.replace("\r\n", "\n").replace("\r", "\n")
    assert len(read) == len(plan.events)
