"""Planned against actual benefits of roadmap initiatives, from the KPIs they promise to move."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import polars as pl
from pydantic import BaseModel

from opmodel.document.kpis import Direction
from opmodel.document.model import OperatingModel
from opmodel.engines.kpi.report import KpiSpec


class BenefitStatus(StrEnum):
    """Where a promised KPI change stands."""

    achieved = "achieved"
    in_progress = "in_progress"
    missed = "missed"
    no_data = "no_data"


class BenefitResult(BaseModel):
    """One benefit of one initiative: planned baseline and target, actual value, progress."""

    initiative: str
    kpi: str
    baseline: float | None
    target: float
    by: dt.date | None
    actual: float | None
    period: str | None
    progress: float | None
    status: BenefitStatus


def evaluate_benefits(model: OperatingModel, specs: list[KpiSpec], series: pl.DataFrame,
                      as_of: dt.date) -> list[BenefitResult]:
    """Every initiative benefit against the KPI's latest value up to ``as_of``.

    The baseline is the benefit's own, else the KPI definition's, else the first measured
    value. Achieved: the latest value is not worse than the target. Missed: the date has
    passed without that. Progress: share of the way from baseline to target (1 = there).
    """
    if model.roadmap is None:
        return []
    by_id = {s.id: s for s in specs}
    firsts = {r["kpi"]: r for r in series.sort("period").group_by("kpi", maintain_order=True)
              .agg(first=pl.col("value").drop_nulls().first(), last=pl.col("value").drop_nulls().last(),
                   label=pl.col("label").filter(pl.col("value").is_not_null()).last()).to_dicts()}
    results = []
    for initiative in model.roadmap.initiatives:
        for benefit in initiative.benefits:
            spec = by_id.get(benefit.kpi)
            row = firsts.get(benefit.kpi, {})
            actual, label = row.get("last"), row.get("label")
            baseline = benefit.baseline
            if baseline is None and spec is not None:
                baseline = spec.baseline if spec.baseline is not None else row.get("first")
            higher = spec is None or spec.direction is Direction.higher_is_better
            progress = None
            if actual is not None and baseline is not None and benefit.target != baseline:
                progress = (actual - baseline) / (benefit.target - baseline)
            if actual is None:
                status = BenefitStatus.no_data
            elif (actual >= benefit.target) if higher else (actual <= benefit.target):
                status = BenefitStatus.achieved
            elif benefit.by is not None and as_of > benefit.by:
                status = BenefitStatus.missed
            else:
                status = BenefitStatus.in_progress
            results.append(BenefitResult(
                initiative=initiative.id, kpi=benefit.kpi, baseline=baseline, target=benefit.target,
                by=benefit.by, actual=actual, period=label, progress=progress, status=status))
    return results
