"""The whole plan: priorities, the chosen portfolio, its schedule, risk and budget in one result."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.engines.budget import BudgetResult, budget
from opmodel.engines.budget_costs import plan_start
from opmodel.engines.montecarlo import MonteCarloResult, simulate
from opmodel.engines.portfolio import PortfolioResult, select_portfolio
from opmodel.engines.prioritisation import Note, Prioritisation, prioritise

# (stage, fraction of the stage done, detail) — stages: portfolio, schedule, risk, budget
PlanProgress = Callable[[str, float, str], None]


class PlanResult(BaseModel):
    """What ``opmodel plan`` prints: every engine's answer for the selected initiatives."""

    start: dt.date | None
    prioritisation: Prioritisation
    portfolio: PortfolioResult
    schedule: dict[str, Any] | None = Field(
        description="The scheduler's result (status, makespan_weeks, items, phases, milestones, "
                    "violations); None when no scheduler is available.")
    risk: MonteCarloResult | None
    budget: BudgetResult
    notes: list[Note]
    stopped: bool = Field(description="Interrupted: the best answers found so far.")
    seconds: dict[str, float]


def _schedule(model: OperatingModel, selected: list[str], time_limit: float,
              progress: PlanProgress | None, stop: threading.Event | None
              ) -> tuple[dict[str, Any] | None, list[Note]]:
    try:
        from opmodel.engines.roadmap_schedule import schedule_roadmap
    except ImportError:
        return None, [Note(code="no_scheduler",
                           en="the roadmap scheduler is not available; no dates are planned",
                           ja="ロードマップのスケジューラがないため、日程は計画されていません")]

    def report(found: Any) -> None:
        if progress is not None:
            elapsed = float(getattr(found, "seconds", 0.0))
            progress("schedule", min(1.0, elapsed / max(time_limit, 0.01)),
                     f"{getattr(found, 'makespan', '?')} / {getattr(found, 'lower_bound', '?')}")

    result = schedule_roadmap(model, selected, time_limit=time_limit, on_progress=report,
                              stop=stop)
    data: dict[str, Any] = result.model_dump()
    return data, []


def _dates(schedule: dict[str, Any] | None) -> dict[str, tuple[dt.date, dt.date]]:
    out: dict[str, tuple[dt.date, dt.date]] = {}
    for item in (schedule or {}).get("items", []):
        start, finish = item.get("start"), item.get("finish")
        if isinstance(start, dt.date) and isinstance(finish, dt.date):
            out[str(item["id"])] = (start, finish)
    return out


def plan(model: OperatingModel, *, time_limit: float = 10.0, iterations: int = 10_000,
         seed: int = 0, start: dt.date | None = None, on_progress: PlanProgress | None = None,
         stop: threading.Event | None = None) -> PlanResult:
    """Prioritise, select, schedule, simulate and budget the roadmap.

    ``time_limit`` bounds each solver (portfolio, schedule); when ``stop`` is set the solvers
    return their best answer so far and the simulation ends after its current chunk.
    """
    start = start or plan_start(model)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = round(now - clock, 3)
        clock = now

    def stage(name: str) -> Callable[[float, str], None]:
        return lambda fraction, detail: on_progress(name, fraction, detail) if on_progress else None

    ranking = prioritise(model)
    portfolio = select_portfolio(model, ranking, time_limit=time_limit,
                                 on_progress=stage("portfolio"), stop=stop)
    lap("portfolio")
    notes = list(portfolio.notes)
    selected = portfolio.selected
    schedule, more = _schedule(model, selected, time_limit, on_progress, stop)
    notes += more
    lap("schedule")
    policy = model.budget.contingency if model.budget else None
    risk = None
    if selected and iterations > 0:
        risk = simulate(model, selected, iterations=iterations, seed=seed, start=start,
                        extra_percentiles=[policy.percentile] if policy else [],
                        on_progress=stage("risk"), stop=stop)
    lap("risk")
    result = budget(model, selected, schedule=_dates(schedule),
                    cost_spread=risk.cost_percentiles if risk else None)
    lap("budget")
    if on_progress is not None:
        on_progress("budget", 1.0, "")
    return PlanResult(start=start, prioritisation=ranking, portfolio=portfolio,
                      schedule=schedule, risk=risk, budget=result, notes=notes,
                      stopped=bool(stop and stop.is_set()), seconds=seconds)
