"""The report's KPI scorecard section: each KPI of the document against its target, with
its status and trend when the model has measurements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.reports.contents import ReportFigure, ReportLabel, ReportSection
from opmodel.reports.kpi_texts import component_of, name_of, unit_of, value
from opmodel.reports.plan_sections import columns, table

if TYPE_CHECKING:
    from opmodel.engines.kpi.scorecard import Scorecard
    from opmodel.reports.contents import Cell

MAX_KPIS = 40


def kpi_section(card: Scorecard) -> ReportSection | None:
    """The scorecard per component and per KPI; None when the document defines no KPI."""
    if not card.kpis:
        return None
    measured = any(s.periods for s in card.kpis)
    count = {k: sum(getattr(c, k) for c in card.components)
             for k in ("green", "amber", "red", "unrated")}
    figures = [ReportFigure(key="kpis", value=len(card.kpis), format="integer"),
               ReportFigure(key="as_of", value=card.as_of, format="date")]
    if measured:
        figures += [ReportFigure(key=f"kpis_{k}", value=n, format="integer")
                    for k, n in count.items()]
    rows: list[list[Cell]] = [
        [name_of(s.kpi), component_of(s.kpi.component or "other"), unit_of(s.kpi),
         value(s.kpi.baseline, s.kpi) if s.kpi.baseline is not None else None,
         value(s.kpi.target, s.kpi) if s.kpi.target is not None else None,
         value(s.value, s.kpi) if s.value is not None else None,
         ReportLabel(kind="rag", value=s.status), ReportLabel(kind="trend", value=s.trend)]
        for s in card.kpis]
    by_component: list[list[Cell]] = [
        [component_of(c.component), c.kpis, c.green, c.amber, c.red, c.unrated, c.score]
        for c in card.components]
    tables = [table("kpi_scorecard", columns("kpi", "component", "unit", "baseline", "target",
                                             "actual", "status", "trend"), rows, MAX_KPIS)]
    if measured:
        tables.insert(0, table("kpi_by_component",
                               columns("component", ("kpis", "integer"), ("green", "integer"),
                                       ("amber", "integer"), ("red", "integer"),
                                       ("unrated", "integer"), ("score", "integer")),
                               by_component))
    return ReportSection(key="kpis", figures=figures, tables=tables)
