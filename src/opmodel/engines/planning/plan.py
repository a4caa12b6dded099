"""The whole plan: priorities, the chosen portfolio, its schedule, risk and budget in one result."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from pydantic import BaseModel, Field

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.budget import BudgetResult, budget
from opmodel.engines.planning.ceilings import contingency_rate
from opmodel.engines.planning.costs import plan_start, starting
from opmodel.engines.planning.montecarlo.simulation import MonteCarloResult, simulate
from opmodel.engines.planning.portfolio import PortfolioResult
from opmodel.engines.planning.prioritisation import Prioritisation, prioritise
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap
from opmodel.engines.planning.schedule_dates import RoadmapSchedule
from opmodel.engines.planning.timed_portfolio import choose_portfolio
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import Message

STAGES = ("portfolio", "schedule", "risk", "budget")  # in the order the plan runs them
REPAIRS = 2  # selections again with the simulated contingency, at most


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
    within_limits: bool = Field(
        default=True,
        description="False when the budget breaks a limit of roadmap.budget_limits "
                    "(budget.over_limits says which); `opmodel plan --strict` then exits 1.")
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
        seconds[stage] = round(seconds.get(stage, 0.0) + now - clock, 3)
        clock = now
        progress(Progress(stage, 1.0))

    ranking = prioritise(model)
    rate = contingency_rate(model, simulated=iterations > 0)
    for _ in range(REPAIRS + 1):
        begin("portfolio")
        portfolio = choose_portfolio(model, ranking, time_limit=time_limit, rate=rate,
                                     progress=progress, should_stop=should_stop)
        end("portfolio")
        schedule, risk, result = _follow(model, portfolio, time_limit, begin, end, progress,
                                         should_stop, iterations=iterations, seed=seed,
                                         start=start, distribution=distribution,
                                         correlation=correlation)
        # a Monte Carlo contingency is known only now: when it is more than the selection
        # expected and a limit breaks, choose again with the share simulated
        simulated = _simulated_rate(result)
        if (not result.over_limits or simulated is None or simulated <= rate + 1e-9
                or should_stop()):
            break
        rate = simulated * 1.05  # a margin: fewer initiatives, a different spread
    return PlanResult(start=start, prioritisation=ranking, portfolio=portfolio,
                      schedule=schedule, risk=risk, budget=result, notes=list(portfolio.notes),
                      feasible=portfolio.status != "infeasible",
                      within_limits=not result.over_limits, stopped=should_stop(),
                      seconds=seconds)


def _simulated_rate(result: BudgetResult) -> float | None:
    """The Monte Carlo contingency as a share of the other costs; None for a percentage."""
    if result.contingency.method != "monte_carlo":
        return None
    base = result.total - result.contingency.amount - result.contingency.items
    return result.contingency.amount / base if base > 0 else None


def _follow(model: OperatingModel, portfolio: PortfolioResult, time_limit: float,
            begin: Callable[[str], None], end: Callable[[str], None],
            progress: ProgressCallback, should_stop: StopCheck, *, iterations: int, seed: int,
            start: dt.date | None, distribution: str, correlation: float
            ) -> tuple[RoadmapSchedule | None, MonteCarloResult | None, BudgetResult]:
    """The schedule, risk and budget of a chosen portfolio."""
    selected = portfolio.selected
    begin("schedule")
    starts = portfolio.start_weeks if portfolio.method == "time_aware" else None
    schedule = (schedule_roadmap(model, selected, time_limit=time_limit, starts=starts,
                                 progress=progress, should_stop=should_stop)
                if selected else None)
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
    return schedule, risk, result
