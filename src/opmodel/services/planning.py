"""Step 4 as use cases: plan the roadmap (portfolio, schedule, risk and budget), schedule it,
or schedule a bare problem such as a PSPLIB instance."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from opmodel.document.messages import problem
from opmodel.document.model import OperatingModel
from opmodel.document.problems import DocumentError, Problem
from opmodel.engines.planning.costs import plan_start, starting
from opmodel.engines.planning.plan import PlanResult
from opmodel.engines.planning.plan import plan as compose
from opmodel.engines.planning.roadmap_schedule import schedule_roadmap
from opmodel.engines.planning.schedule_dates import RoadmapSchedule
from opmodel.engines.planning.scheduling.problem import (
    SchedulingError,
    SchedulingProblem,
    Status,
)
from opmodel.engines.planning.scheduling.solve import Method, solve
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress


class PlanOptions(BaseModel):
    """How hard to plan: solver time, simulation size and shape, and the start date."""

    model_config = ConfigDict(extra="forbid")

    time_limit: float = Field(default=10.0, gt=0, description="Seconds per solver (portfolio, "
                                                               "schedule).")
    iterations: int = Field(default=10_000, ge=0, le=10_000_000,
                            description="Monte Carlo iterations (0 skips the simulation).")
    seed: int = Field(default=0, ge=0, description="The same seed gives the same risk figures.")
    distribution: Literal["pert", "triangular"] = Field(
        default="pert", description="Duration distribution from the three-point estimates.")
    correlation: float = Field(default=0.0, ge=0.0, le=0.99,
                               description="Rank correlation between initiatives' durations "
                                           "and costs (0 = independent).")
    start: dt.date | None = Field(default=None, description="Plan start; default: the "
                                  "document's (calendar, first phase, as-of), else today.")


class ScheduleOptions(BaseModel):
    """Which initiatives to schedule, with which method and for how long."""

    model_config = ConfigDict(extra="forbid")

    selected: list[str] | None = Field(
        default=None, description="Initiative ids; default: all but the alternatives not kept.")
    time_limit: float = Field(default=10.0, ge=0, description="Seconds for CP-SAT.")
    method: Method = Field(default="auto", description="auto (by size), cpsat, or the fast "
                                                       "heuristic alone.")


class ProblemOptions(BaseModel):
    """How to schedule a bare problem: the method and the time it may take."""

    model_config = ConfigDict(extra="forbid")

    time_limit: float = Field(default=10.0, ge=0, description="Seconds for CP-SAT.")
    method: Method = Field(default="auto", description="auto (by size), cpsat, or the fast "
                                                       "heuristic alone.")


class ScheduleSummary(BaseModel):
    """The schedule of a bare problem in figures: its length, whether it is proven shortest,
    the proven bound, the time taken."""

    makespan: int
    status: Status
    lower_bound: int
    seconds: float


class _StopOnce:
    """The caller's stop check as the solvers ask it: from several threads, many times a
    second. It asks the caller at most every ``every`` seconds (a server job's check reads
    a database) and keeps a yes."""

    def __init__(self, should_stop: StopCheck, every: float = 0.1) -> None:
        self._ask, self._every = should_stop, every
        self._lock = threading.Lock()
        self._asked = float("-inf")
        self._stopped = False

    def __call__(self) -> bool:
        if self._stopped:
            return True
        with self._lock:
            now = time.monotonic()
            if not self._stopped and now - self._asked >= self._every:
                self._asked = now
                self._stopped = bool(self._ask())
        return self._stopped


def _roadmap_to_plan(model: OperatingModel) -> None:
    if not (model.roadmap and model.roadmap.initiatives):
        raise DocumentError([problem("plan.no_initiatives", ("roadmap", "initiatives"))])


def plan(model: OperatingModel, options: PlanOptions | None = None, *, today: dt.date,
         progress: ProgressCallback = no_progress,
         should_stop: StopCheck = never_stop) -> PlanResult:
    """Select the portfolio, schedule it, simulate its risk and budget it by fiscal year.

    The plan starts on ``options.start``, else the document's start, else ``today``. A
    roadmap without initiatives is a problem at ``roadmap.initiatives``; an input only
    planning needs (a duration to schedule) is a problem where it is missing. An infeasible
    portfolio is a result: ``feasible`` is false and the notes say why.
    """
    options = options or PlanOptions()
    _roadmap_to_plan(model)
    return compose(model, time_limit=options.time_limit, iterations=options.iterations,
                   seed=options.seed, start=options.start or plan_start(model) or today,
                   distribution=options.distribution, correlation=options.correlation,
                   progress=progress, should_stop=_StopOnce(should_stop))


def schedule(model: OperatingModel, options: ScheduleOptions | None = None, *, today: dt.date,
             progress: ProgressCallback = no_progress,
             should_stop: StopCheck = never_stop) -> RoadmapSchedule:
    """A resource-constrained schedule of the roadmap, from the document's start or ``today``.

    Once ``should_stop()`` says so, the search ends with the best schedule so far.
    """
    options = options or ScheduleOptions()
    _roadmap_to_plan(model)
    if plan_start(model) is None:
        model = starting(model, today)
    return schedule_roadmap(model, options.selected, time_limit=options.time_limit,
                            method=options.method, progress=progress,
                            should_stop=_StopOnce(should_stop))


def schedule_problem(problem_: SchedulingProblem, options: ProblemOptions | None = None, *,
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> ScheduleSummary:
    """The shortest schedule found of a bare problem (a PSPLIB instance), in figures.

    A problem that cannot be scheduled (a task needing more than a resource has, a cycle)
    raises a DocumentError naming the task.
    """
    options = options or ProblemOptions()
    try:
        found = solve(problem_, method=options.method, time_limit=options.time_limit,
                      progress=progress, should_stop=_StopOnce(should_stop))
    except SchedulingError as exc:
        raise DocumentError([Problem((), exc.code, exc.params)]) from None
    return ScheduleSummary(makespan=found.makespan, status=found.status,
                           lower_bound=found.lower_bound, seconds=found.seconds)
