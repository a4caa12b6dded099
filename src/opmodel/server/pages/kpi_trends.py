"""The trend charts of the KPI scorecard, and the names of the initiatives it shows: each KPI
rolled up by its own period from the workspace's measurements (the KPI report of ``opmodel kpi
report``) up to the scorecard's date, against its target."""

from __future__ import annotations

from typing import Any

from opmodel.server.analyses import run_now

CHARTS = 30  # trend charts at most unless all are asked for: the KPIs needing attention first
ATTENTION = {"red": 0, "amber": 1, "green": 2}


def kpi_trends(workspace: Any, revision: Any, card: Any, lang: str,
               every: bool = False) -> list[dict[str, Any]]:
    """One chart per KPI of ``card`` with measurements (red, then amber, then the others; the
    first :data:`CHARTS` unless ``every``): its periods, values and target."""
    from opmodel.engines.kpi.rollup import ALL_SCOPES
    from opmodel.reports.kpi_texts import kpi_name, period_label
    from opmodel.services.kpi import KpiReportOptions

    # the KPIs measured in a period, those needing attention first; only they are rolled up
    measured = sorted(((n, s) for n, s in enumerate(card.kpis) if s.periods),
                      key=lambda found: ATTENTION.get(found[1].status, 3))[
        :None if every else CHARTS]
    points: dict[str, list[Any]] = {}
    for period in dict.fromkeys(s.kpi.period for _, s in measured):
        wanted = [s.kpi.id for _, s in measured if s.kpi.period == period]
        keep = set(wanted)
        report = run_now("kpi-report", workspace, revision,
                         KpiReportOptions(period=period, as_of=card.as_of, kpis=wanted))
        for p in report.points:
            if p.kpi in keep and p.scope == ALL_SCOPES and p.value is not None:
                points.setdefault(p.kpi, []).append(p)
    return [{"id": f"trend-{n}", "state": s, "chart": {
        "kind": "trend", "name": kpi_name(s.kpi, lang), "target": s.kpi.target,
        "periods": [period_label(p.label, lang) for p in points[s.kpi.id]],
        "values": [p.value for p in points[s.kpi.id]],
        "status": [p.status for p in points[s.kpi.id]]}}
        for n, s in measured if s.kpi.id in points]


def initiative_names(revision: Any) -> dict[str, str]:
    """The names of the initiatives whose benefits the scorecard shows, by id."""
    from opmodel.server.workspaces import store

    roadmap = store.read(revision).roadmap
    return {i.id: i.name for i in (roadmap.initiatives if roadmap else []) if i.name}
