"""Reading dates and times written in the many ways exports write them, into UTC."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import polars as pl

_OFFSET = [
    "%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%z", "%Y-%m-%dT%H:%M%z", "%Y-%m-%d %H:%M%z",
]
_ISO = [
    "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M",
]
_DATES = ["%Y-%m-%d", "%Y/%m/%d"]
_DAY_FIRST = ["%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M"]
_DAY_FIRST_DATES = ["%d/%m/%Y", "%d.%m.%Y"]
_MONTH_FIRST = ["%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M"]
_MONTH_FIRST_DATES = ["%m/%d/%Y"]
# 01/04/2027 or 01.04.2027 (with or without a time): 1 April or 4 January, by convention only
DAY_OR_MONTH_FIRST = r"^\d{1,2}[/.]\d{1,2}[/.]\d{4}(?:[ T]|$)"


def _normalise(text: pl.Series) -> pl.Series:
    """2026年4月 → 2026-4-1, 2026-04 → 2026-04-1, a trailing Z → +00:00."""
    return (text.str.replace(r"^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$", "${1}-${2}-${3}")
            .str.replace(r"-$", "-1")
            .str.replace(r"^(\d{4})([-/])(\d{1,2})$", "${1}${2}${3}${2}1")
            .str.replace(r"[Zz]$", "+00:00"))


def parse_timestamps(values: pl.Series, *, dayfirst: bool | None = False) -> pl.Series:
    """Naive UTC datetimes (µs) of ``values``; offsets are converted, unreadable ones are null.

    Formats are tried one after another on the whole column (vectorised) until every
    value is read; a month-only value (2026-04, 2026年4月) means the first of the month.
    ``dayfirst`` reads 01/04/2027 as 1 April (True) or 4 January (False); None reads
    neither (see DAY_OR_MONTH_FIRST), for callers that refuse to guess.
    """
    import polars as pl

    text = values.cast(pl.Utf8).str.strip_chars()
    wanted = text.is_not_null() & (text != "")
    orders = {True: (_DAY_FIRST, _DAY_FIRST_DATES), False: (_MONTH_FIRST, _MONTH_FIRST_DATES),
              None: ([], [])}
    plain = _ISO + orders[dayfirst][0]
    dates = _DATES + orders[dayfirst][1]
    formats = _OFFSET + plain + dates

    def parse(values: pl.Series, fmt: str) -> pl.Series:
        if fmt in _OFFSET:
            return (values.str.to_datetime(fmt, strict=False, time_zone="UTC", time_unit="us")
                    .dt.replace_time_zone(None))
        if fmt in dates:
            return values.str.to_date(fmt, strict=False).cast(pl.Datetime("us"))
        return values.str.to_datetime(fmt, strict=False, time_unit="us")

    # A failed attempt costs as much as a hit, so first try the formats a sample reads,
    # and rewrite the whole column only when the sample needs it.
    present = text.filter(wanted)
    sample = pl.concat([present.head(100), present.tail(100)])
    fixed = _normalise(sample)
    if not fixed.equals(sample):
        text = _normalise(text)
    likely = [f for f in formats if parse(fixed, f).is_not_null().any()]
    out = pl.Series(values.name, [None] * len(text), dtype=pl.Datetime("us"))
    for fmt in likely:
        out = out.fill_null(parse(text, fmt))
        if not (wanted & out.is_null()).any():
            return out
    missing = (wanted & out.is_null()).arg_true()
    rest = _normalise(text.gather(missing))
    found = pl.Series([None] * len(rest), dtype=pl.Datetime("us"))
    for fmt in formats:
        found = found.fill_null(parse(rest, fmt))
    return out.scatter(missing, found)
