"""The report's roadmap, risk and budget sections, from the plan's result (schedule, Monte
Carlo and budget), with names for ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opmodel.knowledge.texts import Message, message
from opmodel.reports.contents import (
    BarChart,
    GanttBar,
    GanttChart,
    ReportColumn,
    ReportFigure,
    ReportLabel,
    ReportSection,
    ReportSeries,
    ReportTable,
    SCurve,
    SCurvePoint,
)
from opmodel.reports.naming import named

if TYPE_CHECKING:
    from opmodel.engines.planning.budget import LimitUse
    from opmodel.engines.planning.montecarlo.simulation import MonteCarloResult
    from opmodel.engines.planning.plan import PlanResult
    from opmodel.reports.contents import Cell, ValueFormat

MAX_ROWS = 25  # rows of a table at most: a board pack, not an inventory
MAX_BARS = 30  # initiatives on the Gantt chart at most
CRITICAL = 0.5  # an initiative on a critical path in at least half the runs is critical
PERCENTILES = (10, 50, 80, 90)


def columns(*specs: tuple[str, ValueFormat] | str) -> list[ReportColumn]:
    """Columns from their keys, each with its format (``text`` when only a key is given)."""
    return [ReportColumn(key=s) if isinstance(s, str) else ReportColumn(key=s[0], format=s[1])
            for s in specs]


def table(key: str, cols: list[ReportColumn], rows: list[list[Cell]],
          most: int = MAX_ROWS) -> ReportTable:
    """A table of the first ``most`` rows, counting those left out."""
    return ReportTable(key=key, columns=cols, rows=rows[:most], more=max(0, len(rows) - most))


def over_limit_message(x: LimitUse, currency: str) -> Message:
    """What a broken budget limit says: the year (or all years), the amount and the limit."""
    return message("budget.over_limit" if x.fiscal_year is not None
                   else "budget.over_limit_total", year=x.fiscal_year, amount=x.amount,
                   limit=x.limit, over=x.over, currency=currency)


def _critical(risk: MonteCarloResult | None) -> set[str]:
    return {r.id for r in risk.initiatives if r.criticality >= CRITICAL} if risk else set()


def roadmap_section(plan: PlanResult, names: dict[str, str]) -> ReportSection | None:
    """The schedule as a Gantt chart and a table; None when nothing was scheduled."""
    s = plan.schedule
    if s is None or not s.items:
        return None
    critical = _critical(plan.risk)
    items = sorted(s.items, key=lambda i: (i.start, i.finish, i.id))
    bars = [GanttBar(name=names.get(p.id, p.id), start=p.start, finish=p.finish, kind="phase")
            for p in sorted(s.phases, key=lambda p: (p.start, p.id))]
    bars += [GanttBar(name=names.get(i.id, i.id), start=i.start, finish=i.finish,
                      group=names.get(i.phase, i.phase) if i.phase else None,
                      critical=i.id in critical) for i in items[:MAX_BARS]]
    bars += [GanttBar(name=names.get(m.id, m.id), start=m.date, finish=m.date, kind="milestone")
             for m in s.milestones if m.date is not None]
    total = len(plan.portfolio.selected) + len(plan.portfolio.rejected)
    figures = [ReportFigure(key="plan_start", value=s.start, format="date"),
               ReportFigure(key="plan_finish", value=s.finish, format="date"),
               ReportFigure(key="duration_weeks", value=s.makespan_weeks, format="integer"),
               ReportFigure(key="initiatives_selected",
                            value=f"{len(plan.portfolio.selected):,} / {total:,}")]
    rows: list[list[Cell]] = [
        [names.get(i.id, i.id), names.get(i.phase, i.phase) if i.phase else None, i.start,
         i.finish, i.deadline, i.late_days or None, i.id in critical] for i in items]
    late: list[list[Cell]] = [[names.get(m.id, m.id), m.due, m.date, m.late_days or None]
                              for m in s.milestones if m.due is not None or not m.reached]
    tables = [table("schedule", columns("initiative", "phase", ("start", "date"),
                                        ("finish", "date"), ("deadline", "date"),
                                        ("late_days", "integer"), "critical"), rows)]
    if late:
        tables.append(table("milestones", columns("milestone", ("due", "date"),
                                                  ("reached", "date"),
                                                  ("late_days", "integer")), late))
    notes: list[Cell] = [named(n.message, names) for n in s.notes]
    notes += [named(n, names) for n in plan.notes]
    return ReportSection(key="roadmap", figures=figures, notes=notes, tables=tables,
                         charts=[GanttChart(key="gantt", start=s.start, finish=s.finish,
                                            bars=bars, more=max(0, len(items) - MAX_BARS))])


def risk_section(plan: PlanResult, names: dict[str, str]) -> ReportSection | None:
    """Completion and cost percentiles, their S-curves and the most critical initiatives;
    None without a simulation."""
    k = plan.risk
    if k is None:
        return None
    dates = k.completion_dates
    figures = [ReportFigure(key="completion_p50", value=dates.get("p50") or k.completion.p50,
                            format="date" if dates else "weeks"),
               ReportFigure(key="completion_p80", value=dates.get("p80") or k.completion.p80,
                            format="date" if dates else "weeks"),
               ReportFigure(key="cost_p50", value=k.cost.p50, format="money"),
               ReportFigure(key="cost_p80", value=k.cost.p80, format="money"),
               ReportFigure(key="iterations", value=k.iterations, format="integer")]
    percentiles: list[list[Cell]] = [
        [ReportLabel(kind="report_row", value="completion_weeks"),
         *(k.completion.at(p) for p in PERCENTILES)],
        [ReportLabel(kind="report_row", value="cost"), *(k.cost.at(p) for p in PERCENTILES)]]
    if dates:
        percentiles.insert(1, [ReportLabel(kind="report_row", value="completion_date"),
                               *(dates.get(f"p{p}") for p in PERCENTILES)])
    top = sorted(k.initiatives, key=lambda x: (-x.criticality, x.id))
    critical: list[list[Cell]] = [[names.get(x.id, x.id), x.criticality, x.correlation]
                                  for x in top if x.criticality > 0]
    curves = [SCurve(key="completion_curve", format="weeks",
                     marks={50: k.completion.p50, 80: k.completion.p80},
                     points=[SCurvePoint(probability=q.percentile / 100, value=q.weeks)
                             for q in k.curve]),
              SCurve(key="cost_curve", format="money", marks={50: k.cost.p50, 80: k.cost.p80},
                     points=[SCurvePoint(probability=q.percentile / 100, value=q.cost)
                             for q in k.curve])]
    # a quantity known for sure has no curve to show (a vertical line)
    charts = [c for c in curves if c.points and c.points[0].value < c.points[-1].value]
    return ReportSection(
        key="risk", figures=figures, charts=charts,
        tables=[ReportTable(key="percentiles",
                            columns=[ReportColumn(key="quantity"),
                                     *(ReportColumn(key=f"p{p}", format="number")
                                       for p in PERCENTILES)],
                            rows=percentiles),
                table("critical_initiatives", columns("initiative", ("criticality", "percent"),
                                                      ("correlation", "number")), critical, 10)])


def budget_section(plan: PlanResult, names: dict[str, str]) -> ReportSection | None:
    """The budget by fiscal year and category (the forgotten costs apart), NPV, payback and
    run cost; None when it costs nothing."""
    from opmodel.engines.planning.costs import HIDDEN

    b = plan.budget
    if not b.lines and not b.total:
        return None
    hidden = {c.value for c in HIDDEN}
    years: list[Cell] = [y.fiscal_year if y.fiscal_year is not None
                         else ReportLabel(kind="report_row", value="undated") for y in b.by_year]
    chart = BarChart(key="budget_by_year", categories=years, category_format="fiscal_year",
                     format="money", stacked=True,
                     series=[ReportSeries(name=ReportLabel(kind="cost_category", value=c),
                                          values=[y.categories.get(c, 0.0) for y in b.by_year],
                                          hidden_cost=c in hidden)
                             for c in b.by_category])
    rows: list[list[Cell]] = [[ReportLabel(kind="cost_category", value=c),
                               *(y.categories.get(c, 0.0) for y in b.by_year), amount, c in hidden]
                              for c, amount in b.by_category.items()]
    rows.append([ReportLabel(kind="report_row", value="total"), *(y.total for y in b.by_year),
                 b.total, None])
    cols = [ReportColumn(key="category"),
            *(ReportColumn(key="fiscal_year", format="money", heading=y) for y in years),
            ReportColumn(key="total", format="money"), ReportColumn(key="hidden_cost")]
    rc = b.run_cost
    figures = [ReportFigure(key="transition_total", value=b.total, format="money"),
               ReportFigure(key="hidden_costs", format="money",
                            value=sum(v for c, v in b.by_category.items() if c in hidden)),
               ReportFigure(key="contingency", value=b.contingency.amount + b.contingency.items,
                            format="money"),
               ReportFigure(key="run_cost", value=rc.before_fixed + rc.before_variable,
                            target=rc.after_fixed + rc.after_variable, format="money"),
               ReportFigure(key="npv", value=b.npv, format="money"),
               ReportFigure(key="payback", value=b.payback_years, format="years")]
    cash: list[list[Cell]] = [[c.fiscal_year, c.cost, c.benefit, c.net, c.cumulative]
                              for c in b.cash]
    notes: list[Cell] = [over_limit_message(x, b.currency) for x in b.over_limits]
    notes.append(b.contingency.basis)
    notes += [named(w, names) for w in b.warnings]
    return ReportSection(
        key="budget", figures=figures, notes=notes, charts=[chart],
        tables=[ReportTable(key="budget_by_category", columns=cols, rows=rows),
                table("cash_flow", columns(("fiscal_year", "fiscal_year"), ("cost", "money"),
                                           ("benefit", "money"), ("net", "money"),
                                           ("cumulative", "money")), cash)])
