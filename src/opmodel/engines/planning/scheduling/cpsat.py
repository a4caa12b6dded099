"""CP-SAT model of the scheduling problem: intervals, cumulative resources and delays, with
bounds from the heuristic and the critical path, redundant disjunctions and a start hint."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from opmodel.engines.planning.scheduling.problem import Network, Status, found
from opmodel.engines.progress import ProgressCallback, StopCheck, never_stop, no_progress


@dataclass(frozen=True)
class CpsatResult:
    """Start times, proven lower bound and status of one CP-SAT run."""

    starts: list[int]
    lower_bound: int
    status: Status
    infeasible: bool = False  # proven: no schedule exists (only without a hint)


def default_workers() -> int:
    """Search workers: the CPU cores, at least 1 and at most 8."""
    import os

    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity")
                      else os.cpu_count() or 1))


def _disjunctive_groups(net: Network) -> list[list[int]]:
    """Per resource, a largest set (greedy) of tasks no two of which fit side by side."""
    groups = []
    for k, resource in enumerate(net.resources):
        cap = resource.peak()
        users = sorted((i for i in range(net.n) if net.demand[i][k] and net.dur[i]),
                       key=lambda i: -net.demand[i][k])
        # sorted by demand, descending: a prefix is a clique while the two smallest clash
        clique: list[int] = []
        for i in users:
            if all(net.demand[i][k] + net.demand[j][k] > cap for j in clique):
                clique.append(i)
        if len(clique) > 1:
            groups.append(clique)
    return groups


class _Watcher:
    """Reports better solutions and stops the search when ``should_stop()`` says so."""

    def __init__(self, solver: Any, should_stop: StopCheck, progress: ProgressCallback | None,
                 began: float, span: float, floor: int = 0) -> None:
        from ortools.sat.python import cp_model

        self.solver, self.should_stop = solver, should_stop
        self.done = threading.Event()
        self.callback: Any = None
        if progress is not None and progress is not no_progress:  # a callback costs time
            report = progress

            class _Callback(cp_model.CpSolverSolutionCallback):
                def on_solution_callback(self) -> None:
                    bound = max(floor, int(self.best_objective_bound))
                    report(found(int(self.objective_value), bound,
                                 (time.perf_counter() - began) / span))

            self.callback = _Callback()
        self.thread = None
        if should_stop is not never_stop:
            self.thread = threading.Thread(target=self._watch, daemon=True)
            self.thread.start()

    def _watch(self) -> None:
        while not self.done.wait(0.05):
            if self.should_stop():
                # again and again: a request made just before the search starts is dropped
                self.solver.stop_search()

    def close(self) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


def _add_delays(model: Any, start: Sequence[Any], net: Network) -> None:
    for i, j, d in net.arcs:
        model.add(start[j] >= start[i] + d)


def add_resources(model: Any, net: Network, intervals: Sequence[Any], horizon: int) -> None:
    """One cumulative per resource; a varying capacity becomes fixed blocking intervals."""
    for k, resource in enumerate(net.resources):
        users = [i for i in range(net.n) if net.demand[i][k] and net.dur[i]]
        if not users:
            continue
        peak = resource.peak()
        used = [intervals[i] for i in users]
        demands = [net.demand[i][k] for i in users]
        caps = resource.profile(horizon)
        t = 0
        while t < horizon:
            u = t
            while u < horizon and caps[u] == caps[t]:
                u += 1
            if caps[t] < peak:
                used.append(model.new_fixed_size_interval_var(t, u - t, f"off_{k}_{t}"))
                demands.append(peak - caps[t])
            t = u
        model.add_cumulative(used, demands, peak)


def build_model(net: Network, *, lower: int, upper: int, hint: Sequence[int] | None,
                tuned: bool = True) -> tuple[Any, list[Any], Any]:
    """The CP-SAT model: start variables, the makespan variable."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    es, tail = net.earliest_starts(), net.tails()
    if tuned:  # every task finishes by the heuristic's makespan; its tail must fit before that
        starts = [model.new_int_var(es[i], max(es[i], upper - tail[i]), f"s{i}")
                  for i in range(net.n)]
    else:
        starts = [model.new_int_var(net.release[i], upper, f"s{i}") for i in range(net.n)]
    intervals = [model.new_fixed_size_interval_var(starts[i], net.dur[i], f"x{i}")
                 for i in range(net.n)]
    makespan = model.new_int_var(lower if tuned else 0, upper, "makespan")
    model.minimize(makespan)
    _add_delays(model, starts, net)
    add_resources(model, net, intervals, upper + 1)
    has_succ = [bool(s) for s in net.succ]
    for i in range(net.n):
        if not (tuned and has_succ[i]):  # a task with successors ends before one of them
            model.add(makespan >= starts[i] + net.dur[i])
    if tuned:
        for group in _disjunctive_groups(net):
            model.add_no_overlap([intervals[i] for i in group])
        if hint is not None:
            for var, value in zip(starts, hint, strict=True):
                model.add_hint(var, value)
            model.add_hint(makespan, max(h + d for h, d in zip(hint, net.dur, strict=True)))
    return model, starts, makespan


# Helpers that only look for a first solution (the heuristic's hint is one) and generic
# neighbourhoods that ignore the intervals; dropping them leaves the scheduling LNS more of
# the shared thread (on six hard j60 instances at 10 s, summed % gap 15.5 and 17.2 against
# 17.5: within the noise, kept because it costs nothing).
_UNHELPFUL = ("fj", "ls", "feasibility_pump", "rins/rens", "graph_arc_lns", "graph_cst_lns",
              "graph_dec_lns", "graph_var_lns", "rnd_cst_lns", "rnd_var_lns")


_LONG = 5.0  # seconds from which the search changes course after a first proof attempt
_PROOF_SHARE = 0.35  # of a long run: the share the full portfolio gets to prove optimality


def tuned_parameters(solver: Any, time_limit: float, workers: int) -> None:
    """Search settings: the time limit, the workers and a portfolio focused on scheduling."""
    # Measured and not kept (benchmarks/psplib.py subsets, docs/benchmarks.md): more
    # workers than cores, extra cumulative reasoning, lb_tree_search or objective shaving
    # as the second full worker, max_lp as the full worker, the linear relaxation off, fixed
    # "set times" branching, and exact minimum delays between precedence-linked tasks.
    params = solver.parameters
    params.max_time_in_seconds = time_limit
    params.num_workers = workers
    for name in _UNHELPFUL:
        params.ignore_subsolvers.append(name)


@dataclass
class _Search:
    """One makespan search: the model, what it found and what it proved."""

    model: Any
    starts: list[Any]
    should_stop: StopCheck
    progress: ProgressCallback
    began: float
    span: float  # seconds from ``began`` to the end of the whole time limit
    workers: int
    best: list[int] | None = None
    value: int | None = None
    bound: int = 0
    optimal: bool = False
    infeasible: bool = False

    def run(self, time_limit: float, *, lns_only: bool = False) -> None:
        """Search for ``time_limit`` seconds; keep a better schedule and a higher bound."""
        from ortools.sat.python import cp_model

        solver = cp_model.CpSolver()
        tuned_parameters(solver, time_limit, self.workers)
        solver.parameters.use_lns_only = lns_only
        watcher = _Watcher(solver, self.should_stop, self.progress, self.began, self.span,
                           self.bound)
        try:
            code = solver.solve(self.model, watcher.callback)
        finally:
            watcher.close()
        if code == cp_model.INFEASIBLE and not lns_only:
            self.infeasible = True
        if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return
        if not lns_only:  # a neighbourhood's proof is not the problem's
            self.bound = max(self.bound, int(solver.best_objective_bound))
        if self.value is None or solver.objective_value < self.value:
            self.value = int(solver.objective_value)
            self.best = [int(solver.value(v)) for v in self.starts]
        self.optimal = self.value <= self.bound

    def stopped(self) -> bool:
        return self.should_stop()


def solve_cpsat(net: Network, *, hint: Sequence[int] | None, lower: int, upper: int,
                time_limit: float, num_workers: int | None = None,
                should_stop: StopCheck = never_stop, progress: ProgressCallback = no_progress,
                began: float | None = None, proof_share: float | None = None) -> CpsatResult:
    """Minimise the makespan, then (same makespan) the total lateness past deadlines.

    A long run first gives the whole portfolio a share of the time to prove optimality
    (most problems are closed there); if it does not, the rest goes to the large
    neighbourhood search alone, from the best schedule found, which on hard problems finds
    shorter schedules than the portfolio does in the same time (docs/benchmarks.md).
    ``proof_share`` makes that split at any length, with that share for the proof.
    """
    import ortools.sat.python.cp_model  # noqa: F401  (loading it is not search time)

    now = time.perf_counter()  # the limit counts from here, progress from ``began``
    began = now if began is None else began
    workers = num_workers or default_workers()
    deadlines = [i for i in range(net.n) if net.deadline[i] is not None]
    model, starts, makespan = build_model(net, lower=lower, upper=upper, hint=hint)
    # building a large model takes a moment: the search gets what is left of the limit
    time_limit = max(time_limit - (time.perf_counter() - now), 0.05)
    now = time.perf_counter()
    # progress counts the share of the whole limit, from when the caller began
    span = max(time_limit + (time.perf_counter() - began), 0.01)
    search = _Search(model, starts, should_stop, progress, began, span, workers, bound=lower)
    first = time_limit * (0.7 if deadlines else 1.0)
    if proof_share is None and first < _LONG:
        search.run(first)
    else:
        search.run(first * (_PROOF_SHARE if proof_share is None else proof_share))
        left = first - (time.perf_counter() - now)
        if search.best is not None and not search.optimal and not search.stopped() \
                and left > 0.05:
            model.clear_hints()
            for var, value in zip(starts, search.best, strict=True):
                model.add_hint(var, value)
            model.add_hint(makespan, search.value)
            search.run(left, lns_only=True)
    if search.best is None:
        return CpsatResult(list(hint or []), lower, "feasible", search.infeasible)
    best, optimal = search.best, search.optimal
    left = time_limit - (time.perf_counter() - now)
    if deadlines and not search.stopped() and left > 0.05:
        best, optimal = _lateness_phase(net, model, starts, makespan, best, deadlines, left,
                                        workers, should_stop, optimal)
    return CpsatResult(best, search.bound, "optimal" if optimal else "feasible")


def _lateness_phase(net: Network, model: Any, starts: list[Any], makespan: Any,
                    best: list[int], deadlines: list[int], time_limit: float, workers: int,
                    should_stop: StopCheck, optimal: bool) -> tuple[list[int], bool]:
    """Keep the makespan found, minimise total lateness."""
    from ortools.sat.python import cp_model

    span = max(b + d for b, d in zip(best, net.dur, strict=True))
    model.add(makespan <= span)
    lates = []
    for i in deadlines:
        late = model.new_int_var(0, max(span, 0), f"late{i}")
        model.add(late >= starts[i] + net.dur[i] - net.deadline[i])
        lates.append(late)
    model.minimize(sum(lates))
    model.clear_hints()
    for var, value in zip(starts, best, strict=True):
        model.add_hint(var, value)
    solver = cp_model.CpSolver()
    tuned_parameters(solver, time_limit, workers)
    watcher = _Watcher(solver, should_stop, None, time.perf_counter(), time_limit)
    try:
        code = solver.solve(model)
    finally:
        watcher.close()
    if code in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [int(solver.value(v)) for v in starts], optimal and code == cp_model.OPTIMAL
    return best, False


def solve_plain(net: Network, *, upper: int, time_limit: float, num_workers: int) -> CpsatResult:
    """A textbook model (intervals, cumulative, precedences) with default settings: the
    benchmark's baseline."""
    from ortools.sat.python import cp_model

    model, starts, _ = build_model(net, lower=0, upper=upper, hint=None, tuned=False)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = num_workers
    code = solver.solve(model)
    if code not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return CpsatResult([], 0, "feasible")
    return CpsatResult([int(solver.value(v)) for v in starts], int(solver.best_objective_bound),
                       "optimal" if code == cp_model.OPTIMAL else "feasible")
