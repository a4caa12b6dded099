"""Roll-ups of KPI measurements by period and scope, each KPI with its own aggregation."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from opmodel.document.kpis import Period
from opmodel.knowledge.kpis import percentile_of

ALL_SCOPES = "all"


def period_start(at: pl.Expr, period: Period, fiscal_year_start_month: int = 4) -> pl.Expr:
    """The first day of the period that ``at`` falls in (weeks start on Monday)."""
    day = at.dt.date()
    if period is Period.day:
        return day
    if period is Period.week:
        return day.dt.truncate("1w")
    if period is Period.month:
        return day.dt.truncate("1mo")
    if period is Period.quarter:
        return day.dt.truncate("1q")
    start = fiscal_year_start_month
    year = _fiscal_year(day, start)
    if period is Period.fiscal_quarter:  # quarters counted from the fiscal year's start
        return pl.date(year, start, 1).dt.offset_by(pl.format("{}mo", _fiscal_quarter(day, start) * 3))
    return pl.date(year, start, 1)


def _fiscal_year(day: pl.Expr, start: int) -> pl.Expr:
    return pl.when(day.dt.month() >= start).then(day.dt.year()).otherwise(day.dt.year() - 1)


def _fiscal_quarter(day: pl.Expr, start: int) -> pl.Expr:
    """0 for the fiscal year's first three months, … 3 for its last three."""
    return ((day.dt.month() - start + 12) % 12) // 3


def period_label(start: pl.Expr, period: Period, fiscal_year_start_month: int = 4) -> pl.Expr:
    """A readable name of the period starting at ``start``: 2026-04, 2026-Q2, FY2026-Q1,
    FY2026 …"""
    if period is Period.day:
        return start.dt.strftime("%Y-%m-%d")
    if period is Period.week:
        return start.dt.strftime("%G-W%V")
    if period is Period.month:
        return start.dt.strftime("%Y-%m")
    if period is Period.quarter:
        return pl.format("{}-Q{}", start.dt.year(), start.dt.quarter())
    if period is Period.fiscal_quarter:
        first = fiscal_year_start_month
        return pl.format("FY{}-Q{}", _fiscal_year(start, first),
                         _fiscal_quarter(start, first) + 1)
    return pl.format("FY{}", start.dt.year())


def _exact_sum(column: str) -> pl.Expr:
    """The sum of a column as a float that does not depend on how threads split the rows:
    added up as decimals (nine places, integers underneath, so in any order the same), then
    turned back into a float. A float sum split over threads and added back up as they finish
    differs from run to run in its last bit, and a report's figures must not."""
    return pl.col(column).cast(pl.Decimal(38, 9)).sum().cast(pl.Float64)


def aggregate(aggregation: str) -> pl.Expr:
    """The expression that combines one group's rows for ``aggregation`` (ratio unscaled)."""
    q = percentile_of(aggregation)
    if q is not None:
        return pl.col("value").quantile(q, interpolation="linear")
    if aggregation == "mean":
        return _exact_sum("value") / pl.col("value").count()
    if aggregation == "sum":
        return _exact_sum("value")
    if aggregation == "last":
        return pl.col("value").sort_by("at").last()
    if aggregation == "ratio":  # ratio of sums, never a mean of ratios
        den = _exact_sum("denominator")
        return pl.when(den > 0).then(_exact_sum("numerator") / den)
    raise ValueError(f"unknown aggregation {aggregation!r}")


def rollup(measurements: pl.DataFrame | pl.LazyFrame, kpis: pl.DataFrame, period: Period,
           fiscal_year_start_month: int = 4, *, by_scope: bool = True) -> pl.DataFrame:
    """One row per KPI (, scope) and period: value, count and the period's start and label.

    ``measurements`` has kpi, scope, at, value, numerator, denominator; ``kpis`` has kpi,
    aggregation and scale (applied to ratios). Without ``by_scope`` all scopes are pooled
    (scope = "all"), still with each KPI's aggregation over the raw rows.
    """
    frame = measurements.lazy()
    keys = ["kpi", "scope", "period"] if by_scope else ["kpi", "period"]
    kinds: Sequence[str] = kpis.get_column("aggregation").unique().sort().to_list()
    parts = []
    for kind in kinds:  # a handful of aggregation kinds, each one vectorised query
        ids = kpis.filter(pl.col("aggregation") == kind).get_column("kpi").implode()
        parts.append(
            frame.filter(pl.col("kpi").is_in(ids))
            .with_columns(period=period_start(pl.col("at"), period, fiscal_year_start_month))
            # each group from its rows in order: a float sum split over threads and added
            # back up as they finish differs run to run in its last bit
            .group_by(keys, maintain_order=True).agg(value=aggregate(kind), count=pl.len())
        )
    if not parts:
        return _empty(by_scope)
    # collected here, where nothing after the aggregation lets the optimiser drop its order
    grouped = pl.concat([part.lazy() for part in pl.collect_all(parts)])
    scales = kpis.lazy().select("kpi", "aggregation", pl.col("scale").cast(pl.Float64))
    out = (grouped.join(scales, on="kpi", how="left")
           .with_columns(value=pl.when(pl.col("aggregation") == "ratio")
                         .then(pl.col("value") * pl.col("scale")).otherwise(pl.col("value")))
           .drop("aggregation", "scale"))
    if not by_scope:
        out = out.with_columns(scope=pl.lit(ALL_SCOPES))
    return (out.with_columns(label=period_label(pl.col("period"), period, fiscal_year_start_month),
                             count=pl.col("count").cast(pl.Int64))
            .select("kpi", "scope", "period", "label", "value", "count")
            .sort("kpi", "scope", "period").collect())


def _empty(by_scope: bool) -> pl.DataFrame:
    return pl.DataFrame(schema={"kpi": pl.Utf8, "scope": pl.Utf8, "period": pl.Date,
                                "label": pl.Utf8, "value": pl.Float64, "count": pl.Int64})
