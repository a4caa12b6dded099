"""Service-management KPIs from an incident event log (one row per update of a case)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import polars as pl
from pydantic import BaseModel

NO_VALUE = "(none)"


class ResolutionHours(BaseModel):
    """Hours from opening to first resolution, over resolved cases (percentiles linear)."""

    median: float | None
    mean: float | None
    p90: float | None


class BacklogWeek(BaseModel):
    """Cases open at the end of a week (weeks start on Monday)."""

    week: dt.date
    open: int


class ItsmSummary(BaseModel):
    """The service-management KPIs of a set of cases, backlog aside."""

    cases: int
    resolved: int
    resolution_hours: ResolutionHours
    reopen_rate: float | None
    mean_handoffs: float | None
    sla_met_rate: float | None


class ItsmFigures(ItsmSummary):
    """The KPIs of a set of cases with their weekly backlog."""

    backlog: list[BacklogWeek]


class ItsmResult(ItsmSummary):
    """Figures of every case, the same by priority and by assignment group, and the backlog."""

    by_priority: dict[str, ItsmFigures]
    by_group: dict[str, ItsmFigures]
    backlog: list[BacklogWeek]


def case_table(events: pl.DataFrame, resolved_states: Sequence[str]) -> pl.DataFrame:
    """One row per case: start, first resolution, reopened, handoffs, SLA, priority, group.

    ``events`` has row (file order), case, at, state and optionally group, priority,
    opened_at, sla_met. Events of a case are ordered by time, ties in file order.
    """
    names = set(events.columns)
    optional: dict[str, pl.DataType] = {"group": pl.Utf8(), "priority": pl.Utf8(),
                                        "opened_at": pl.Datetime("us"), "sla_met": pl.Boolean()}
    ev = (events.with_columns([pl.lit(None, dtype).alias(c) for c, dtype in optional.items()
                               if c not in names])
          .sort("case", "at", "row")
          .with_columns(pos=pl.int_range(pl.len()).over("case"),
                        done=pl.col("state").is_in(list(resolved_states)).fill_null(False)))
    handoffs = (ev.filter(pl.col("group").is_not_null())
                .with_columns(change=pl.col("group") != pl.col("group").shift(1).over("case"))
                .group_by("case").agg(handoffs=pl.col("change").sum()))
    cases = ev.group_by("case").agg(
        start=pl.coalesce(pl.col("opened_at").drop_nulls().first(), pl.col("at").first()),
        resolved_at=pl.col("at").filter(pl.col("done")).first(),
        first_done=pl.col("pos").filter(pl.col("done")).first(),
        last_open=pl.col("pos").filter(~pl.col("done")).last(),
        last_at=pl.col("at").last(),
        sla_met=pl.col("sla_met").last().fill_null(False),
        priority=pl.col("priority").drop_nulls().last(),
        group=pl.col("group").drop_nulls().last(),
    )
    return (cases.join(handoffs, on="case", how="left").with_columns(
        handoffs=pl.col("handoffs").fill_null(0),
        reopened=(pl.col("last_open") > pl.col("first_done")).fill_null(False),
        hours=(pl.col("resolved_at") - pl.col("start")).dt.total_seconds(fractional=True) / 3600,
        priority=pl.col("priority").fill_null(NO_VALUE),
        group=pl.col("group").fill_null(NO_VALUE),
    ).drop("first_done", "last_open").sort("case"))


def _figures(cases: pl.DataFrame, keys: list[str], with_sla: bool) -> pl.DataFrame:
    resolved = pl.col("resolved_at").is_not_null()
    hours = pl.col("hours").filter(resolved)
    by: list[str | pl.Expr] = [*keys] or [pl.lit(0).alias("_all")]
    # maintain_order: the figures of one group from its rows in order, the same bits every run
    return cases.group_by(by, maintain_order=True).agg(
        cases=pl.len(),
        resolved=resolved.sum(),
        median=hours.quantile(0.5, interpolation="linear"),
        mean=hours.mean(),
        p90=hours.quantile(0.9, interpolation="linear"),
        reopen_rate=pl.when(resolved.sum() > 0)
        .then(pl.col("reopened").filter(resolved).sum() / resolved.sum()),
        mean_handoffs=pl.col("handoffs").mean(),
        sla_met_rate=pl.col("sla_met").mean() if with_sla else pl.lit(None, pl.Float64),
    )


def _backlog(cases: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Cases open at the end of each week: opened by then, not yet (first) resolved."""
    key_cols = keys or ["_all"]
    frame = cases.with_columns(_all=pl.lit(0)) if not keys else cases
    opened = frame.group_by(*key_cols, week=pl.col("start").dt.date().dt.truncate("1w")).agg(
        n=pl.len().cast(pl.Int64))
    closed = (frame.filter(pl.col("resolved_at").is_not_null())
              .group_by(*key_cols, week=pl.col("resolved_at").dt.date().dt.truncate("1w"))
              .agg(n=-pl.len().cast(pl.Int64)))
    first = min(cases["start"].min(), cases["last_at"].min())  # type: ignore[type-var]
    last = max(cases["start"].max(), cases["last_at"].max())  # type: ignore[type-var]
    weeks = pl.DataFrame({"week": pl.date_range(
        first.date() - dt.timedelta(days=first.weekday()), last.date(), "1w", eager=True)})  # type: ignore[union-attr]
    grid = frame.select(key_cols).unique().join(weeks, how="cross")
    flows = pl.concat([opened, closed]).group_by(*key_cols, "week").agg(n=pl.col("n").sum())
    return (grid.join(flows, on=[*key_cols, "week"], how="left")
            .sort(*key_cols, "week")
            .with_columns(open=pl.col("n").fill_null(0).cum_sum().over(key_cols).cast(pl.Int64))
            .filter(pl.col("week") <= pl.lit(last.date()))  # type: ignore[union-attr]
            .group_by(key_cols, maintain_order=True)
            .agg(backlog=pl.struct("week", "open")))


def _rows(cases: pl.DataFrame, keys: list[str], with_sla: bool) -> dict[str, ItsmFigures]:
    key_cols = keys or ["_all"]
    figures = _figures(cases, keys, with_sla).join(_backlog(cases, keys), on=key_cols, how="left")
    out = {}
    for r in figures.sort(key_cols).to_dicts():
        name = str(r[key_cols[0]])
        out[name] = ItsmFigures(
            cases=r["cases"], resolved=r["resolved"],
            resolution_hours=ResolutionHours(median=r["median"], mean=r["mean"], p90=r["p90"]),
            reopen_rate=r["reopen_rate"], mean_handoffs=r["mean_handoffs"],
            sla_met_rate=r["sla_met_rate"], backlog=[BacklogWeek(**w) for w in r["backlog"] or []])
    # in the order people read them: "Group 2" before "Group 10"
    return {name: out[name] for name in sorted(out, key=natural_key)}


def natural_key(text: str) -> list[str | int]:
    """A sort key that orders the numbers inside a text by value."""
    return [int(part) if n % 2 else part.lower()
            for n, part in enumerate(re.split(r"(\d+)", text))]


def itsm_kpis(events: pl.DataFrame, resolved_states: Sequence[str]) -> ItsmResult:
    """The service-management KPIs of an event log, overall, by priority and by group."""
    if events.height == 0:
        empty = ResolutionHours(median=None, mean=None, p90=None)
        return ItsmResult(cases=0, resolved=0, resolution_hours=empty, reopen_rate=None,
                          mean_handoffs=None, sla_met_rate=None, backlog=[], by_priority={},
                          by_group={})
    with_sla = "sla_met" in events.columns
    cases = case_table(events, resolved_states)
    overall = _rows(cases, [], with_sla)["0"]
    return ItsmResult(
        **overall.model_dump(),
        by_priority=_rows(cases, ["priority"], with_sla) if "priority" in events.columns else {},
        by_group=_rows(cases, ["group"], with_sla) if "group" in events.columns else {},
    )
