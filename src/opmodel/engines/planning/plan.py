"""The whole plan: priorities, the chosen portfolio, its schedule, risk and budget in one result."""

from __future__ import annotations

import datetime as dt
import time

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.budget import BudgetResult, budget
from opmodel.engines.planning.costs import plan_start, starting
from opmodel.engines.planning.montecarlo.simulation import MonteCarloResult, simulate
from opmodel.engines.planning.portfolio import PortfolioResult, select_portfolio
from opmodel.engines.planning.prioritisation import Prioritisation, prioritise
from opmodel.engines.planning.roadmap_schedule import RoadmapSchedule, schedule_roadmap
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import Message

STAGES = ("portfolio", "schedule", "risk", "budget")  # in the order the plan runs them


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
    notes: list[Message]
    feasible: bool = Field(
        description="False when the document asks for the impossible: the mandatory "
                    "initiatives break a limit or exclude each other (the notes say which), "
                    "so nothing is selected.")
    stopped: bool = Field(description="Interrupted: the best answers found so far.")
    seconds: dict[str, float]


def plan(model: OperatingModel, *, time_limit: float = 10.0, iterations: int = 10_000,
         seed: int = 0, start: dt.date | None = None, distribution: str = "pert",
         correlation: float = 0.0, progress: ProgressCallback = no_progress,
         should_stop: StopCheck = never_stop) -> PlanResult:
    """Prioritise, select, schedule, simulate and budget the roadmap.

    ``time_limit`` bounds each solver (portfolio, schedule); once ``should_stop()`` says so
    the solvers return their best answer so far and the simulation ends after its current
    chunk. ``progress`` hears each stage begin and end (:data:`STAGES`) and the solvers'
    findings in between.
    """
    if start is not None and start != plan_start(model):
        model = starting(model, start)
    start = plan_start(model)
    seconds: dict[str, float] = {}
    clock = time.perf_counter()

    def begin(stage: str) -> None:
        progress(Progress(stage, 0.0))

    def end(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        seconds[stage] = round(now - clock, 3)
        clock = now
        progress(Progress(stage, 1.0))

    ranking = prioritise(model)
    begin("portfolio")
    portfolio = select_portfolio(model, ranking, time_limit=time_limit, progress=progress,
                                 should_stop=should_stop)
    end("portfolio")
    selected = portfolio.selected
    begin("schedule")
    schedule = (schedule_roadmap(model, selected, time_limit=time_limit, progress=progress,
                                 should_stop=should_stop) if selected else None)
    end("schedule")
    policy = model.budget.contingency if model.budget else None
    risk = None
    begin("risk")
    if selected and iterations > 0:
        risk = simulate(model, selected, iterations=iterations, seed=seed, start=start,
                        distribution=distribution, correlation=correlation,
                        planned={i.id: float(i.start_week) for i in schedule.items}
                        if schedule else None,
                        extra_percentiles=[policy.percentile] if policy else [],
                        progress=progress, should_stop=should_stop)
    end("risk")
    begin("budget")
    dates = {i.id: (i.start, i.finish) for i in schedule.items} if schedule else None
    result = budget(model, selected, schedule=dates,
                    cost_spread=risk.cost_percentiles if risk else None)
    end("budget")
    return PlanResult(start=start, prioritisation=ranking, portfolio=portfolio,
                      schedule=schedule, risk=risk, budget=result, notes=list(portfolio.notes),
                      feasible=portfolio.status != "infeasible", stopped=should_stop(),
                      seconds=seconds)
