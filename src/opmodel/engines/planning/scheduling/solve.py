"""The entry point of scheduling: the fast heuristic alone, CP-SAT started from the priority
rules, or (``auto``) the genetic algorithm first and CP-SAT from its best schedule."""

from __future__ import annotations

import time
from typing import Literal

from opmodel.engines.planning.scheduling.cpsat import solve_cpsat
from opmodel.engines.planning.scheduling.genetic import evolve
from opmodel.engines.planning.scheduling.heuristic import Heuristic, heuristic_schedule
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

Method = Literal["auto", "cpsat", "heuristic"]
METHODS = ("auto", "cpsat", "heuristic")

LARGE = 80  # tasks from which ``auto`` gives the genetic algorithm a large share of the time
_GENETIC_SHARE = {False: 0.05, True: 0.6}  # of the time limit, small and large problems
_GENETIC_MOST = {False: 2.0, True: 60.0}  # seconds, small and large problems
# Below this limit a small problem goes to CP-SAT alone: it proves most of them in a fraction
# of a second, and loading the compiled kernels takes about half a second in a new process.
_GENETIC_FROM = 5.0
_PREVIEW = 0.25  # seconds the heuristic alone may take (a preview, not a plan)
_LNS_AFTER = 0.25  # of CP-SAT's time on a large problem: the proof portfolio, then LNS alone


def _span(net: Network, starts: list[int]) -> int:
    return max((starts[i] + net.dur[i] for i in range(net.n)), default=0)


def _key(net: Network, starts: list[int]) -> tuple[int, int]:
    return _span(net, starts), sum(lateness(net, starts).values())


def _heuristic(net: Network, method: Method, time_limit: float, bound: int,
               should_stop: StopCheck) -> list[int]:
    """The rules' best schedule improved by the genetic algorithm for this method's share."""
    small_and_short = net.n < LARGE and time_limit < _GENETIC_FROM
    if method == "cpsat" or net.n == 0 or (method == "auto" and small_and_short):
        # as a hint the rules alone are enough
        return heuristic_schedule(net, budget=0.0)
    budget = (min(time_limit, _PREVIEW) if method == "heuristic"
              else min(time_limit * _GENETIC_SHARE[net.n >= LARGE], _GENETIC_MOST[net.n >= LARGE]))
    # the rules' lists are the first seeds: each decoded and justified, as the rules alone do
    rules = Heuristic(net).rules()
    evolved = evolve(net, seeds=list(rules.values()), budget=budget, floor=bound,
                     should_stop=should_stop)
    if evolved is None:  # no list fits a falling capacity: the rules move the misfits first
        return heuristic_schedule(net, budget=0.0)  # or raise the error naming the task
    return evolved.starts


def solve(problem: SchedulingProblem, *, method: Method = "auto", time_limit: float = 10.0,
          num_workers: int | None = None, progress: ProgressCallback = no_progress,
          should_stop: StopCheck = never_stop) -> Schedule:
    """The shortest schedule found within ``time_limit`` seconds.

    ``heuristic``: priority rules and the genetic algorithm, a preview within a quarter of a
    second; ``cpsat``: CP-SAT from the rules' schedule; ``auto``: the genetic algorithm
    first (a small share of the time on a small problem, a large one from ``LARGE`` tasks),
    then CP-SAT from its best schedule, which keeps CP-SAT's proofs and bounds.
    When ``should_stop()`` says so the search ends early with the best schedule so far;
    ``progress`` hears of each better schedule (stage ``schedule``).
    """
    began = time.perf_counter()
    net = Network(problem)
    bound = net.lower_bound()
    if method not in METHODS:
        raise SchedulingError(f"unknown method '{method}' (use auto, cpsat or heuristic)",
                              code="schedule.unknown_method", method=method)
    hint: list[int] | None = None
    try:
        starts = hint = _heuristic(net, method, time_limit, bound, should_stop)
    except SchedulingError as exc:
        if method == "heuristic":
            raise
        failure, starts = exc, [0] * net.n
    makespan = _span(net, starts)
    if hint is not None:
        progress(found(makespan, bound, (time.perf_counter() - began) / max(time_limit, 0.01)))
    optimal = hint is not None and makespan <= bound and not lateness(net, starts)
    status: Status = "optimal" if optimal else "feasible"
    name = "heuristic"
    stopped = hint is not None and should_stop()
    if method != "heuristic" and not optimal and not stopped:
        remaining = max(time_limit - (time.perf_counter() - began), 0.05)
        upper = makespan if hint is not None else net.horizon()
        large = method == "auto" and net.n >= LARGE
        result = solve_cpsat(net, hint=hint, lower=bound, upper=upper, time_limit=remaining,
                             num_workers=num_workers, should_stop=should_stop,
                             progress=progress, began=began,
                             proof_share=_LNS_AFTER if large else None)
        if not result.starts:  # no heuristic schedule, and none found by CP-SAT either
            if result.infeasible:
                raise failure
            raise SchedulingError("no schedule found within the time limit", failure.task,
                                  timed_out=True, code="schedule.task_not_found",
                                  seconds=time_limit)
        if hint is None or _key(net, result.starts) <= _key(net, starts):
            starts, status, name = result.starts, result.status, "cpsat"
        bound = result.lower_bound
        makespan = _span(net, starts)
    return Schedule(
        starts=dict(zip(net.ids, starts, strict=True)), makespan=makespan, status=status,
        lower_bound=min(bound, makespan), seconds=round(time.perf_counter() - began, 3),
        method=name, late=lateness(net, starts))
