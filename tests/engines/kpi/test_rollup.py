"""Roll-ups: each KPI's aggregation, ratio of sums, periods including fiscal years, vs pandas."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import polars as pl
import pytest

from opmodel.document.kpis import Period
from opmodel.engines.kpi.rollup import rollup


def frame(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, orient="row", schema={
        "kpi": pl.Utf8, "scope": pl.Utf8, "at": pl.Datetime("us"), "value": pl.Float64,
        "numerator": pl.Float64, "denominator": pl.Float64})


def kpis(**aggs: str) -> pl.DataFrame:
    return pl.DataFrame({"kpi": list(aggs), "aggregation": list(aggs.values()),
                         "scale": [100.0 if a == "ratio" else 1.0 for a in aggs.values()]})


D = dt.datetime


def test_ratio_is_a_ratio_of_sums_not_a_mean_of_ratios() -> None:
    m = frame([("sla", "x", D(2026, 4, 1), None, 1, 1), ("sla", "x", D(2026, 4, 2), None, 50, 100)])
    out = rollup(m, kpis(sla="ratio"), Period.month)
    assert out["value"][0] == pytest.approx(51 / 101 * 100)  # mean of ratios would be 75


def test_each_kpi_uses_its_own_aggregation() -> None:
    m = frame([(k, "x", D(2026, 4, d), v, None, None) for k in ("a", "b", "c", "d")
               for d, v in ((3, 10.0), (1, 30.0), (2, 20.0), (4, 0.0))])
    out = rollup(m, kpis(a="mean", b="sum", c="last", d="p90"), Period.month)
    got = dict(zip(out["kpi"], out["value"], strict=True))
    assert got["a"] == 15 and got["b"] == 60 and got["c"] == 0  # last by time, not by file
    assert got["d"] == pytest.approx(np.percentile([10, 30, 20, 0], 90))  # linear


@pytest.mark.parametrize(("start", "day", "expected"), [
    (4, D(2026, 3, 31), dt.date(2025, 4, 1)), (4, D(2026, 4, 1), dt.date(2026, 4, 1)),
    (10, D(2026, 9, 30), dt.date(2025, 10, 1)), (1, D(2026, 12, 31), dt.date(2026, 1, 1)),
])
def test_fiscal_years_start_in_any_month(start: int, day: D, expected: dt.date) -> None:
    out = rollup(frame([("a", "x", day, 1.0, None, None)]), kpis(a="sum"), Period.fiscal_year, start)
    assert out["period"][0] == expected and out["label"][0] == f"FY{expected.year}"


@pytest.mark.parametrize(("start", "day", "begins", "label"), [
    (4, D(2026, 4, 1), dt.date(2026, 4, 1), "FY2026-Q1"),
    (4, D(2026, 12, 31), dt.date(2026, 10, 1), "FY2026-Q3"),
    (4, D(2027, 3, 31), dt.date(2027, 1, 1), "FY2026-Q4"),
    (10, D(2026, 9, 30), dt.date(2026, 7, 1), "FY2025-Q4"),
    (1, D(2026, 5, 14), dt.date(2026, 4, 1), "FY2026-Q2"),  # a January start: calendar quarters
])
def test_fiscal_quarters_count_from_the_fiscal_years_start(start: int, day: D, begins: dt.date,
                                                           label: str) -> None:
    out = rollup(frame([("a", "x", day, 1.0, None, None)]), kpis(a="sum"), Period.fiscal_quarter,
                 start)
    assert (out["period"][0], out["label"][0]) == (begins, label)


@pytest.mark.parametrize(("period", "start", "label"), [
    (Period.day, dt.date(2026, 5, 14), "2026-05-14"), (Period.week, dt.date(2026, 5, 11), "2026-W20"),
    (Period.month, dt.date(2026, 5, 1), "2026-05"), (Period.quarter, dt.date(2026, 4, 1), "2026-Q2"),
])
def test_calendar_periods(period: Period, start: dt.date, label: str) -> None:
    out = rollup(frame([("a", "x", D(2026, 5, 14, 23), 1.0, None, None)]), kpis(a="sum"), period)
    assert (out["period"][0], out["label"][0]) == (start, label)


def test_pooling_scopes_aggregates_the_raw_rows() -> None:
    m = frame([("sla", "x", D(2026, 4, 1), None, 9, 10), ("sla", "y", D(2026, 4, 1), None, 1, 90)])
    pooled = rollup(m, kpis(sla="ratio"), Period.month, by_scope=False)
    assert pooled["scope"].to_list() == ["all"] and pooled["value"][0] == pytest.approx(10.0)
    assert rollup(m, kpis(sla="ratio"), Period.month).height == 2


def test_a_zero_denominator_gives_no_value() -> None:
    out = rollup(frame([("sla", "x", D(2026, 4, 1), None, 0, 0)]), kpis(sla="ratio"), Period.month)
    assert out["value"][0] is None and out["count"][0] == 1


def test_matches_pandas_on_random_measurements() -> None:
    rng = np.random.default_rng(7)
    n = 5000
    m = pl.DataFrame({
        "kpi": rng.choice(["a", "b", "c", "d", "e"], n), "scope": rng.choice(["x", "y", "z"], n),
        "at": pd.Timestamp("2025-01-01") + pd.to_timedelta(rng.integers(0, 600 * 86400, n), unit="s"),
        "value": rng.normal(50, 10, n), "numerator": rng.integers(0, 10, n).astype(float),
        "denominator": rng.integers(10, 20, n).astype(float)}).with_columns(pl.col("at").cast(pl.Datetime("us")))
    table = kpis(a="mean", b="sum", c="last", d="p75", e="ratio")
    ours = rollup(m, table, Period.quarter).sort("kpi", "scope", "period")
    df = pd.DataFrame({c: m[c].to_numpy() for c in m.columns}).sort_values("at", kind="stable")
    df["period"] = df["at"].dt.to_period("Q").dt.start_time.dt.date
    g = df.groupby(["kpi", "scope", "period"])
    expected = pd.concat([
        g["value"].mean().loc[["a"]], g["value"].sum().loc[["b"]], g["value"].last().loc[["c"]],
        g["value"].quantile(0.75).loc[["d"]],
        (g["numerator"].sum() / g["denominator"].sum() * 100).loc[["e"]],
    ]).sort_index()
    assert ours.height == len(expected)
    assert ours["value"].to_list() == pytest.approx(expected.to_list())


def test_the_same_measurements_give_the_same_bits_every_run() -> None:
    # sums of floats split over threads and added back up in another order differ in their
    # last bit; a roll-up must not (the JSON of a report is compared, and cached, exactly)
    rng = np.random.default_rng(7)
    n = 3000
    m = pl.DataFrame({
        "kpi": rng.choice(["r1", "r2", "m1", "s1", "p1"], n),
        "scope": rng.choice(["a", "b", "c"], n),
        "at": [D(2026, 1, 1) + dt.timedelta(hours=int(h)) for h in rng.integers(0, 8000, n)],
        "value": rng.normal(50, 20, n).round(2),
        "numerator": rng.uniform(0, 10, n).round(1), "denominator": rng.integers(1, 5, n) * 1.0,
    })
    table = kpis(r1="ratio", r2="ratio", m1="mean", s1="sum", p1="p90")
    for by_scope in (True, False):
        runs = {tuple(rollup(m, table, Period.quarter, by_scope=by_scope)["value"].to_list())
                for _ in range(60)}
        assert len(runs) == 1
