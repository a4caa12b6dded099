"""The KPI scorecard: each KPI's latest status, trend and streak, per component, with benefits."""

from __future__ import annotations

import datetime as dt

import polars as pl
from pydantic import BaseModel

from opmodel.document.model import OperatingModel
from opmodel.engines.kpi.benefits import BenefitResult, evaluate_benefits
from opmodel.engines.kpi.report import (
    KpiSpec,
    latest_series,
    measured_until,
    other_scopes,
    resolve_kpis,
    spec_frame,
)
from opmodel.engines.kpi.status import Rag, TrendLabel, component_scores, rate, summarise


class KpiState(BaseModel):
    """Where one KPI stands at its latest period."""

    kpi: KpiSpec
    period: dt.date | None
    label: str | None
    value: float | None
    status: Rag
    on_target: bool | None
    periods: int
    breaches: int
    red_periods: int
    streak: int
    slope: float | None
    trend: TrendLabel
    trend_periods: int
    other_scopes: list[str] = []  # with no data: scopes the measurements do have for it


class KpiComponentScore(BaseModel):
    """KPI statuses of one component, and a 0–100 score (green 1, amber 0.5)."""

    component: str
    kpis: int
    green: int
    amber: int
    red: int
    unrated: int
    score: float | None


class Scorecard(BaseModel):
    """Every KPI's state, the score per component, and the initiatives' benefits."""

    as_of: dt.date
    trend_periods: int
    kpis: list[KpiState]
    components: list[KpiComponentScore]
    benefits: list[BenefitResult]
    after_as_of: int = 0  # measurements dated after as_of, left out of the scorecard


def scorecard(model: OperatingModel, measurements: pl.DataFrame, as_of: dt.date,
              trend_periods: int = 6) -> Scorecard:
    """The scorecard of ``model`` from its measurements up to ``as_of``."""
    specs = resolve_kpis(model)
    series = latest_series(model, measurements, as_of)
    limits = spec_frame(specs).select("kpi", "sign", "target", "warning", "critical")
    summary = summarise(rate(series, limits), trend_periods, limits.select("kpi", "sign"))
    found = {r["kpi"]: r for r in summary.to_dicts()}
    elsewhere = other_scopes(measurements, specs)
    states = []
    for spec in specs:
        row = found.get(spec.id)
        if row is None:
            states.append(KpiState(kpi=spec, period=None, label=None, value=None, status=Rag.none,
                                   on_target=None, periods=0, breaches=0, red_periods=0, streak=0,
                                   slope=None, trend=TrendLabel.unknown, trend_periods=0,
                                   other_scopes=elsewhere.get(spec.id, [])))
        else:
            row.pop("kpi")
            row["trend_periods"] = row["trend_periods"] or 0
            states.append(KpiState(kpi=spec, **row))
    table = pl.DataFrame({"component": [s.kpi.component or "other" for s in states],
                          "status": [s.status.value for s in states]},
                         schema={"component": pl.Utf8, "status": pl.Utf8})
    components = [KpiComponentScore(**r) for r in component_scores(table).to_dicts()]
    benefits = evaluate_benefits(model, specs, series, as_of)
    after = measurements.height - measured_until(measurements, as_of).height
    return Scorecard(as_of=as_of, trend_periods=trend_periods, kpis=states, components=components,
                     after_as_of=after,
                     benefits=benefits)
