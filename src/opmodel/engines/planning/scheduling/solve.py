"""The entry point of scheduling: the serial heuristic alone, or CP-SAT started from it."""

from __future__ import annotations

import time
from typing import Literal

from opmodel.engines.planning.scheduling.cpsat import solve_cpsat
from opmodel.engines.planning.scheduling.heuristic import heuristic_schedule
from opmodel.engines.planning.scheduling.problem import (
    Network,
    Schedule,
    SchedulingError,
    SchedulingProblem,
    Status,
    found,
    lateness,
)
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress

Method = Literal["cpsat", "heuristic"]


def solve(problem: SchedulingProblem, *, method: Method = "cpsat", time_limit: float = 10.0,
          num_workers: int | None = None, progress: ProgressCallback = no_progress,
          should_stop: StopCheck = never_stop) -> Schedule:
    """The shortest schedule found within ``time_limit`` seconds (CP-SAT or heuristic).

    When ``should_stop()`` says so the search ends early with the best schedule so far;
    ``progress`` hears of each better schedule (stage ``schedule``).
    """
    began = time.perf_counter()
    net = Network(problem)
    bound = net.lower_bound()
    if method not in ("cpsat", "heuristic"):
        raise SchedulingError(f"unknown method '{method}' (use cpsat or heuristic)",
                              code="schedule.unknown_method", method=method)
    hint: list[int] | None = None
    try:
        # as a hint the rules alone are enough; on its own the heuristic also samples
        starts = hint = heuristic_schedule(net, budget=0.0 if method == "cpsat" else 0.05)
    except SchedulingError as exc:
        if method != "cpsat":
            raise
        failure, starts = exc, [0] * net.n
    makespan = max((starts[i] + net.dur[i] for i in range(net.n)), default=0)
    if hint is not None:
        progress(found(makespan, bound, (time.perf_counter() - began) / max(time_limit, 0.01)))
    optimal = hint is not None and makespan <= bound and not lateness(net, starts)
    status: Status = "optimal" if optimal else "feasible"
    name = "heuristic"
    stopped = hint is not None and should_stop()
    if method == "cpsat" and not optimal and not stopped:
        remaining = max(time_limit - (time.perf_counter() - began), 0.05)
        upper = makespan if hint is not None else net.horizon()
        result = solve_cpsat(net, hint=hint, lower=bound, upper=upper, time_limit=remaining,
                             num_workers=num_workers, should_stop=should_stop,
                             progress=progress, began=began)
        if not result.starts:  # no heuristic schedule, and none found by CP-SAT either
            if result.infeasible:
                raise failure
            raise SchedulingError("no schedule found within the time limit", failure.task,
                                  timed_out=True, code="schedule.task_not_found",
                                  seconds=time_limit)
        starts, bound, status, name = result.starts, result.lower_bound, result.status, "cpsat"
        makespan = max((starts[i] + net.dur[i] for i in range(net.n)), default=0)
    return Schedule(
        starts=dict(zip(net.ids, starts, strict=True)), makespan=makespan, status=status,
        lower_bound=min(bound, makespan), seconds=round(time.perf_counter() - began, 3),
        method=name, late=lateness(net, starts))
