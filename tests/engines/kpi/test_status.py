"""RAG by direction and thresholds, trends, breaches, streaks, component scores."""

from __future__ import annotations

import datetime as dt

import polars as pl
import pytest

from opmodel.engines.kpi.status import component_scores, rate, summarise


def limits(sign: int, target: float | None, warning: float | None, critical: float | None) -> pl.DataFrame:
    return pl.DataFrame({"kpi": ["k"], "sign": [sign], "target": [target], "warning": [warning],
                         "critical": [critical]},
                        schema={"kpi": pl.Utf8, "sign": pl.Int8, "target": pl.Float64,
                                "warning": pl.Float64, "critical": pl.Float64})


def series(*values: float | None) -> pl.DataFrame:
    return pl.DataFrame({"kpi": ["k"] * len(values),
                         "period": [dt.date(2026, m + 1, 1) for m in range(len(values))],
                         "label": [f"2026-{m + 1:02d}" for m in range(len(values))],
                         "value": list(values)}, schema_overrides={"value": pl.Float64})


@pytest.mark.parametrize(("sign", "value", "status", "on_target"), [
    (1, 99.95, "green", True), (1, 99.7, "green", False), (1, 99.4, "amber", False),
    (1, 98.0, "red", False), (1, 99.0, "amber", False),
])
def test_higher_is_better(sign: int, value: float, status: str, on_target: bool) -> None:
    out = rate(series(value), limits(sign, 99.9, 99.5, 99.0))
    assert (out["status"][0], out["on_target"][0]) == (status, on_target)


@pytest.mark.parametrize(("value", "status"), [(3.0, "green"), (4.5, "amber"), (9.0, "red")])
def test_lower_is_better_and_warning_defaults_to_the_target(value: float, status: str) -> None:
    assert rate(series(value), limits(-1, 4.0, None, 8.0))["status"][0] == status


def test_no_thresholds_means_no_rating() -> None:
    assert rate(series(1.0), limits(1, None, None, None))["status"][0] == "none"


def summary(values: tuple[float | None, ...], sign: int, n: int = 3, **lim: float) -> dict:
    lims = limits(sign, lim.get("target"), lim.get("warning"), lim.get("critical"))
    return summarise(rate(series(*values), lims), n, lims.select("kpi", "sign")).to_dicts()[0]


def test_trend_is_labelled_by_direction() -> None:
    rising = (1.0, 5.0, 2.0, 3.0, 4.0)  # slope over the last 3 periods is +1
    up = summary(rising, 1, target=10)
    assert up["slope"] == pytest.approx(1.0) and up["trend"] == "improving" and up["trend_periods"] == 3
    assert summary(rising, -1, target=10)["trend"] == "worsening"
    assert summary((2.0, 2.0, 2.0), 1, target=1)["trend"] == "flat"
    assert summary((2.0,), 1, target=1)["trend"] == "unknown"
    assert summary((1.0, 2.0), 1, 6, target=1)["trend_periods"] == 2  # fewer periods than asked


def test_breaches_and_the_current_streak() -> None:
    s = summary((99.95, 98.0, 99.4, 99.2, 99.95, 99.3, 99.1), 1, 6, target=99.9, warning=99.5, critical=99.0)
    # statuses: green red amber amber green amber amber
    assert (s["breaches"], s["red_periods"], s["periods"]) == (5, 1, 7)
    assert (s["status"], s["streak"], s["label"]) == ("amber", 2, "2026-07")


def test_component_scores_count_green_one_and_amber_half() -> None:
    states = pl.DataFrame({"component": ["process", "process", "process", "technology"],
                           "status": ["green", "amber", "none", "red"]})
    rows = {r["component"]: r for r in component_scores(states).to_dicts()}
    assert rows["process"]["score"] == pytest.approx(75.0) and rows["process"]["unrated"] == 1
    assert rows["technology"]["score"] == 0
