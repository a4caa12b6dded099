"""The whole plan: priorities, the chosen portfolio, its schedule, risk and budget in one result."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.document.roadmap import Calendar, Roadmap
from opmodel.engines.planning.budget import BudgetResult, budget
from opmodel.engines.planning.costs import plan_start
from opmodel.engines.planning.montecarlo.simulation import MonteCarloResult, simulate
from opmodel.engines.planning.portfolio import PortfolioResult, select_portfolio
from opmodel.engines.planning.prioritisation import Note, Prioritisation, prioritise
from opmodel.engines.planning.roadmap_schedule import RoadmapSchedule, schedule_roadmap
from opmodel.engines.planning.scheduling.problem import Progress

# (stage, fraction of the stage done, detail) — stages: portfolio, schedule, risk, budget
PlanProgress = Callable[[str, float, str], None]


class PlanResult(BaseModel):
    """What ``opmodel plan`` prints: every engine's answer for the selected initiatives."""

    start: dt.date | None
    prioritisation: Prioritisation
    portfolio: PortfolioResult
    schedule: RoadmapSchedule | None = Field(
        description="Start and finish per initiative, phase and milestone; None when nothing "
                    "was selected.")
    risk: MonteCarloResult | None
    budget: BudgetResult
    notes: list[Note]
    stopped: bool = Field(description="Interrupted: the best answers found so far.")
    seconds: dict[str, float]


def _schedule(model: OperatingModel, selected: list[str], time_limit: float,
              progress: PlanProgress | None, stop: threading.Event | None) -> RoadmapSchedule:
    def report(found: Progress) -> None:
        if progress is not None:
            progress("schedule", min(1.0, found.seconds / max(time_limit, 0.01)),
                     f"{found.makespan} / {found.lower_bound}")

    return schedule_roadmap(model, selected, time_limit=time_limit, on_progress=report,
                            stop=stop)


def _starting(model: OperatingModel, start: dt.date) -> OperatingModel:
    """A copy of the model whose roadmap starts on ``start`` (every engine reads it there)."""
    roadmap = model.roadmap or Roadmap()
    calendar = (roadmap.calendar or Calendar()).model_copy(update={"start": start})
    return model.model_copy(update={"roadmap": roadmap.model_copy(update={"calendar": calendar})})


def plan(model: OperatingModel, *, time_limit: float = 10.0, iterations: int = 10_000,
         seed: int = 0, start: dt.date | None = None, distribution: str = "pert",
         correlation: float = 0.0, on_progress: PlanProgress | None = None,
         stop: threading.Event | None = None) -> PlanResult:
    """Prioritise, select, schedule, simulate and budget the roadmap.

    ``time_limit`` bounds each solver (portfolio, schedule); when ``stop`` is set the solvers
    return their best answer so far and the simulation ends after its current chunk.
    """
    if start is not None and start != plan_start(model):
        model = _starting(model, start)
    start = plan_start(model)
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
    schedule = _schedule(model, selected, time_limit, on_progress, stop) if selected else None
    lap("schedule")
    policy = model.budget.contingency if model.budget else None
    risk = None
    if selected and iterations > 0:
        risk = simulate(model, selected, iterations=iterations, seed=seed, start=start,
                        distribution=distribution, correlation=correlation,
                        planned={i.id: float(i.start_week) for i in schedule.items}
                        if schedule else None,
                        extra_percentiles=[policy.percentile] if policy else [],
                        on_progress=stage("risk"), stop=stop)
    lap("risk")
    dates = {i.id: (i.start, i.finish) for i in schedule.items} if schedule else None
    result = budget(model, selected, schedule=dates,
                    cost_spread=risk.cost_percentiles if risk else None)
    lap("budget")
    if on_progress is not None:
        on_progress("budget", 1.0, "")
    return PlanResult(start=start, prioritisation=ranking, portfolio=portfolio,
                      schedule=schedule, risk=risk, budget=result, notes=notes,
                      stopped=bool(stop and stop.is_set()), seconds=seconds)
