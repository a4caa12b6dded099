"""Timestamps as exports write them: property checks of the round trip to UTC."""

from __future__ import annotations

import datetime as dt

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from opmodel.interop.timestamps import parse_timestamps

moments = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2090, 1, 1)).map(
    lambda d: d.replace(microsecond=0))
offsets = st.integers(min_value=-12 * 4, max_value=14 * 4).map(lambda q: dt.timedelta(minutes=15 * q))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(moments, offsets), min_size=1, max_size=20))
def test_iso_with_any_offset_reads_as_utc(values: list[tuple[dt.datetime, dt.timedelta]]) -> None:
    texts = [m.replace(tzinfo=dt.timezone(o)).isoformat() for m, o in values]
    got = parse_timestamps(pl.Series(texts)).to_list()
    assert got == [m - o for m, o in values]


@settings(max_examples=60, deadline=None)
@given(st.lists(moments, min_size=1, max_size=20), st.booleans())
def test_day_first_and_month_first_round_trip(values: list[dt.datetime], dayfirst: bool) -> None:
    fmt = "%d/%m/%Y %H:%M" if dayfirst else "%m/%d/%Y %H:%M"
    got = parse_timestamps(pl.Series([m.strftime(fmt) for m in values]), dayfirst=dayfirst)
    assert got.to_list() == [m.replace(second=0) for m in values]


def test_mixed_forms_in_one_column() -> None:
    texts = ["2026-04-01", "2026年4月", "2026-04", "2026-04-01T09:00:00Z", "not a date", None]
    got = parse_timestamps(pl.Series(texts)).to_list()
    assert got[:4] == [dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 1), dt.datetime(2026, 4, 1),
                       dt.datetime(2026, 4, 1, 9)]
    assert got[4:] == [None, None]
