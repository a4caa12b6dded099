"""RAG status against thresholds, trend slopes, breaches and streaks of KPI series."""

from __future__ import annotations

from enum import StrEnum

import polars as pl


class Rag(StrEnum):
    """Red, amber, green; ``none`` when the KPI has no target or thresholds."""

    green = "green"
    amber = "amber"
    red = "red"
    none = "none"


class TrendLabel(StrEnum):
    """Where the last periods are heading, judged by the KPI's direction."""

    improving = "improving"
    worsening = "worsening"
    flat = "flat"
    unknown = "unknown"


def rate(series: pl.DataFrame, limits: pl.DataFrame) -> pl.DataFrame:
    """``series`` (kpi, period, value …) with ``status`` and ``on_target`` per row.

    ``limits`` has kpi, sign (+1 higher is better, -1 lower), target, warning, critical.
    Red: worse than critical. Amber: worse than warning (the target when no warning).
    Green otherwise. ``on_target``: not worse than the target.
    """
    s = pl.col("sign")
    v = pl.col("value") * s
    warning = pl.coalesce("warning", "target") * s
    return (series.join(limits, on="kpi", how="left")
            .with_columns(
                status=pl.when(pl.col("value").is_null() | (warning.is_null() & pl.col("critical").is_null()))
                .then(pl.lit(Rag.none.value))
                .when(v < pl.col("critical") * s).then(pl.lit(Rag.red.value))
                .when(v < warning).then(pl.lit(Rag.amber.value))
                .otherwise(pl.lit(Rag.green.value)),
                on_target=v >= pl.col("target") * s)
            .drop("sign", "target", "warning", "critical"))


def summarise(rated: pl.DataFrame, trend_periods: int, sign: pl.DataFrame) -> pl.DataFrame:
    """Per KPI: the latest period, value and status, breaches, current streak and trend.

    A breach is a period rated amber or red. The streak is the run of equal statuses that
    ends at the latest period. The trend is the least-squares slope of the value over the
    last ``trend_periods`` periods (per period), improving when it moves in the better
    direction.
    """
    ordered = rated.sort("kpi", "period").with_columns(
        run=pl.col("status").rle_id().over("kpi"),
        idx=pl.int_range(pl.len(), dtype=pl.Int64).over("kpi"),
        n=pl.len().over("kpi").cast(pl.Int64),  # unsigned would wrap below zero
    )
    recent = ordered.filter(pl.col("idx") >= pl.col("n") - trend_periods,
                            pl.col("value").is_not_null())
    slopes = recent.group_by("kpi", maintain_order=True).agg(  # same bits every run
        slope=pl.when(pl.len() >= 2).then(pl.cov("idx", "value") / pl.col("idx").var()),
        trend_periods=pl.len().cast(pl.Int64),
    )
    summary = ordered.group_by("kpi", maintain_order=True).agg(
        period=pl.col("period").last(),
        label=pl.col("label").last(),
        value=pl.col("value").last(),
        status=pl.col("status").last(),
        on_target=pl.col("on_target").last(),
        periods=pl.len(),
        breaches=pl.col("status").is_in([Rag.amber.value, Rag.red.value]).sum(),
        red_periods=(pl.col("status") == Rag.red.value).sum(),
        streak=(pl.col("run") == pl.col("run").last()).sum(),
    )
    tolerance = 1e-9 * pl.max_horizontal(pl.lit(1.0), pl.col("value").abs())
    directed = pl.col("slope") * pl.col("sign")
    return (summary.join(slopes, on="kpi", how="left").join(sign, on="kpi", how="left")
            .with_columns(trend=pl.when(pl.col("slope").is_null()).then(pl.lit(TrendLabel.unknown.value))
                          .when(directed > tolerance).then(pl.lit(TrendLabel.improving.value))
                          .when(directed < -tolerance).then(pl.lit(TrendLabel.worsening.value))
                          .otherwise(pl.lit(TrendLabel.flat.value)))
            .drop("sign").sort("kpi"))


def component_scores(states: pl.DataFrame) -> pl.DataFrame:
    """Per component: how many KPIs are green, amber, red or unrated, and a 0–100 score.

    The score counts green as 1 and amber as 0.5 over the rated KPIs.
    """
    status = pl.col("status")
    rated = status.is_in([Rag.green.value, Rag.amber.value, Rag.red.value])
    return (states.group_by("component", maintain_order=True).agg(
        kpis=pl.len(),
        green=(status == Rag.green.value).sum(),
        amber=(status == Rag.amber.value).sum(),
        red=(status == Rag.red.value).sum(),
        unrated=(~rated).sum(),
        score=pl.when(rated.sum() > 0).then(
            ((status == Rag.green.value).sum() + 0.5 * (status == Rag.amber.value).sum())
            / rated.sum() * 100),
    ).sort("component"))
