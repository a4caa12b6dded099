"""KPI analytics on a model and its measurements: report (roll-ups) and scorecard (status)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Sequence

import polars as pl
from pydantic import BaseModel

from opmodel.document.kpis import Direction, KpiDefinition, Period
from opmodel.document.model import OperatingModel
from opmodel.engines.kpi.rollup import ALL_SCOPES, rollup
from opmodel.engines.kpi.status import Rag, component_scores, rate, summarise
from opmodel.knowledge.kpis import kpi_library


class KpiSpec(BaseModel):
    """A document KPI completed from the library: everything the analytics need.

    ``name`` and ``unit`` are the user's own, as written in the definition; when None, the
    library KPI's name and unit apply (label kinds ``kpi`` and ``kpi_unit`` of ``library``).
    """

    id: str
    library: str | None
    name: str | None
    unit: str | None
    direction: Direction
    aggregation: str
    scale: float
    component: str | None
    scope: str | None
    target: float | None
    warning: float | None
    critical: float | None
    baseline: float | None
    period: Period
    money: str | None = None  # the currency of a KPI measured in money (its decimals apply)


def money_of(unit: str | None, currency: str) -> str | None:
    """The currency a KPI's unit is an amount of: an ISO 4217 code written in capitals
    (``USD/month``), the document's currency in any case, 円 or the library's "currency"."""
    from opmodel.knowledge.currencies import CODES

    if not unit:
        return None
    if "円" in unit or "¥" in unit or unit.lower().startswith("currency"):
        return "JPY" if "円" in unit or "¥" in unit else currency
    for token in re.split(r"[^A-Za-z]+", unit):
        if token.upper() == currency or (token.isupper() and token in CODES):
            return token.upper()
    return None


def resolve_kpi(definition: KpiDefinition, currency: str = "JPY") -> KpiSpec:
    """The definition with what it leaves out taken from its library entry."""
    entry = kpi_library().get(definition.kpi) if definition.kpi else None
    unit = definition.unit or (entry.unit.en if entry else None)
    return KpiSpec(
        id=definition.id, library=definition.kpi,
        name=definition.name, unit=definition.unit,
        direction=definition.direction or Direction(entry.direction if entry else "higher"),
        aggregation=definition.aggregation or (entry.aggregation if entry else "mean"),
        scale=definition.scale or (entry.scale if entry else 1.0),
        component=(definition.component.value if definition.component
                   else entry.component.value if entry else None),
        scope=definition.scope.id,
        target=definition.target if definition.target is not None else (entry.target if entry else None),
        warning=definition.warning, critical=definition.critical, baseline=definition.baseline,
        period=definition.period, money=money_of(unit, currency),
    )


def resolve_kpis(model: OperatingModel) -> list[KpiSpec]:
    """Every KPI definition of the model, resolved."""
    currency = model.metadata.currency
    return [resolve_kpi(d, currency) for d in (model.kpis.definitions if model.kpis else [])]


def accepted_kpis(model: OperatingModel) -> dict[str, tuple[str, float]]:
    """Ids a measurement may name (library ids, definition ids) → (aggregation, scale)."""
    known = {k.id: (k.aggregation, k.scale) for k in kpi_library().kpis}
    known.update({s.id: (s.aggregation, s.scale) for s in resolve_kpis(model)})
    return known


def percent_kpis(model: OperatingModel) -> set[str]:
    """Ids a measurement may name whose values are percentages (unit %): a cell Excel
    formats as 95% is 95 for them."""
    found = {k.id for k in kpi_library().kpis if k.unit.en.strip() == "%"}
    for definition in model.kpis.definitions if model.kpis else []:
        entry = kpi_library().get(definition.kpi) if definition.kpi else None
        unit = definition.unit or (entry.unit.en if entry else "")
        (found.add if unit.strip() == "%" else found.discard)(definition.id)
    return found


def measurement_names(specs: Sequence[KpiSpec]) -> list[str]:
    """The KPI names a measurement may carry to feed one of ``specs``: their ids and their
    library ids."""
    return list(dict.fromkeys(key for s in specs for key in (s.id, s.library) if key))


def spec_frame(specs: Sequence[KpiSpec]) -> pl.DataFrame:
    """One row per KPI: aggregation, scale, sign (+1 higher is better, -1 lower) and limits."""
    return pl.DataFrame(
        [{"kpi": s.id, "aggregation": s.aggregation, "scale": s.scale,
          "sign": 1 if s.direction is Direction.higher_is_better else -1,
          "target": s.target, "warning": s.warning, "critical": s.critical} for s in specs],
        schema={"kpi": pl.Utf8, "aggregation": pl.Utf8, "scale": pl.Float64, "sign": pl.Int8,
                "target": pl.Float64, "warning": pl.Float64, "critical": pl.Float64})


def _definition_keys(specs: Sequence[KpiSpec]) -> pl.DataFrame:
    """Which KPI names (a definition's id or its library id) feed which definition, and the
    one scope the definition takes (null: every scope)."""
    return pl.DataFrame(
        [{"key": key, "definition": s.id, "only": s.scope}
         for s in specs for key in dict.fromkeys([s.id, s.library]) if key],
        schema={"key": pl.Utf8, "definition": pl.Utf8, "only": pl.Utf8})


def assign(measurements: pl.DataFrame, specs: Sequence[KpiSpec]) -> pl.DataFrame:
    """Measurements relabelled with the id of each definition they feed.

    A row feeds a definition when it names the definition's id or its library id, and
    its scope is the definition's scope (when the definition has one).
    """
    return (measurements.join(_definition_keys(specs), left_on="kpi", right_on="key")
            .filter(pl.col("only").is_null() | (pl.col("scope") == pl.col("only")))
            .unique(["definition", "scope", "at"], keep="first", maintain_order=True)
            .with_columns(kpi=pl.col("definition")).drop("definition", "only"))


def other_scopes(measurements: pl.DataFrame, specs: Sequence[KpiSpec]) -> dict[str, list[str]]:
    """Per scoped definition, the scopes of rows that name it but are for another scope."""
    rows = (measurements.select("kpi", "scope")
            .join(_definition_keys(specs), left_on="kpi", right_on="key")
            .filter(pl.col("scope") != pl.col("only"))  # a null scope (unscoped) never differs
            .unique(["definition", "scope"], maintain_order=True))
    found: dict[str, list[str]] = {}
    for definition, scope in rows.select("definition", "scope").iter_rows():
        found.setdefault(definition, []).append(scope)
    return {k: sorted(v) for k, v in found.items()}


class KpiPoint(BaseModel):
    """One rolled-up value of a KPI for a scope and period, with its status."""

    kpi: str
    scope: str
    period: dt.date
    label: str
    value: float | None
    count: int
    status: Rag
    on_target: bool | None


class KpiReport(BaseModel):
    """Roll-ups of every KPI by period: pooled over its scope, and per scope."""

    period: Period
    fiscal_year_start_month: int
    kpis: list[KpiSpec]
    points: list[KpiPoint]


def report_kpis(model: OperatingModel, measurements: pl.DataFrame, period: Period,
                as_of: dt.date | None = None, only: Collection[str] | None = None
                ) -> KpiReport:
    """Roll up the measurements of every KPI (of those ``only`` names) by ``period`` (pooled
    and per scope), rated."""
    specs = [s for s in resolve_kpis(model) if only is None or s.id in only]
    fy = model.metadata.fiscal_year_start_month
    frame = assign(measured_until(measurements, as_of), specs)
    table = spec_frame(specs)
    pooled = rollup(frame, table, period, fy, by_scope=False)
    unscoped = [s.id for s in specs if s.scope is None]
    per_scope = rollup(frame.filter(pl.col("kpi").is_in(unscoped)), table, period, fy)
    # one scope alone adds nothing to the pooled line
    per_scope = per_scope.filter(pl.col("scope").n_unique().over("kpi") > 1)
    limits = table.select("kpi", "sign", "target", "warning", "critical")
    rated = rate(pl.concat([pooled, per_scope]), limits).sort("kpi", "scope", "period")
    order = {s.id: i for i, s in enumerate(specs)}
    points = sorted((KpiPoint(**r) for r in rated.to_dicts()),
                    key=lambda p: (order[p.kpi], p.scope != ALL_SCOPES, p.scope, p.period))
    return KpiReport(period=period, fiscal_year_start_month=fy, kpis=specs, points=points)


def measured_until(measurements: pl.DataFrame, as_of: dt.date | None) -> pl.DataFrame:
    """The measurements dated on or before ``as_of`` (all when None)."""
    if as_of is None:
        return measurements
    return measurements.filter(pl.col("at") < pl.lit(as_of + dt.timedelta(days=1)).cast(pl.Datetime("us")))


def latest_series(model: OperatingModel, measurements: pl.DataFrame,
                  as_of: dt.date | None = None) -> pl.DataFrame:
    """Each KPI rolled up at its own period (pooled over its scope): kpi, period, label, value."""
    specs = resolve_kpis(model)
    frame = assign(measured_until(measurements, as_of), specs)
    fy = model.metadata.fiscal_year_start_month
    parts = [rollup(frame, spec_frame([s for s in specs if s.period is period]), period, fy,
                    by_scope=False)
             for period in sorted({s.period for s in specs})]
    return pl.concat(parts) if parts else rollup(frame, spec_frame([]), Period.month, fy)


__all__ = ["KpiPoint", "KpiReport", "KpiSpec", "Rag", "accepted_kpis", "assign", "component_scores",
           "latest_series", "measured_until", "measurement_names", "other_scopes", "rate",
           "report_kpis", "resolve_kpis", "spec_frame", "summarise"]
