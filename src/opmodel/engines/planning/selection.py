"""Choose items of most value under several capacities, prerequisites and exclusions.

The solver behind portfolio selection (CP-SAT with a time limit) and its greedy baseline;
both work on plain integers so the OR-Library benchmark and the roadmap share them.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import message

STAGE = "portfolio"  # the stage selection reports its progress under


@dataclass
class SelectionProblem:
    """Items with values and weights per constraint; pairs that need or exclude each other."""

    values: list[int]
    weights: list[list[int]]  # one row per constraint, one column per item
    capacities: list[int]
    mandatory: list[int] = field(default_factory=list)
    requires: list[tuple[int, int]] = field(default_factory=list)  # (item, prerequisite)
    excludes: list[tuple[int, int]] = field(default_factory=list)

    @property
    def size(self) -> int:
        """Number of items."""
        return len(self.values)

    def fits(self, chosen: set[int]) -> bool:
        """Whether ``chosen`` satisfies every constraint."""
        if any(i not in chosen for i in self.mandatory):
            return False
        if any(i in chosen and j not in chosen for i, j in self.requires):
            return False
        if any(i in chosen and j in chosen for i, j in self.excludes):
            return False
        return all(sum(row[i] for i in chosen) <= cap
                   for row, cap in zip(self.weights, self.capacities, strict=True))


@dataclass
class SelectionSolution:
    """Chosen items, their value, the proven bound and how the search ended."""

    chosen: list[int]
    value: int
    bound: float
    status: str  # optimal | feasible | infeasible | unknown
    seconds: float

    @property
    def gap(self) -> float:
        """Relative distance between the value and the bound (0 when proven optimal)."""
        if self.status == "optimal":
            return 0.0
        return max(0.0, (self.bound - self.value) / max(1.0, abs(self.bound)))


def _closure(problem: SelectionProblem, item: int, chosen: set[int]) -> set[int]:
    needs: dict[int, list[int]] = {}
    for i, j in problem.requires:
        needs.setdefault(i, []).append(j)
    out, todo = set(), [item]
    while todo:
        i = todo.pop()
        if i in chosen or i in out:
            continue
        out.add(i)
        todo.extend(needs.get(i, []))
    return out


def greedy_selection(problem: SelectionProblem) -> SelectionSolution:
    """Mandatory items first, then by value per unit of capacity used, while everything fits."""
    began = time.perf_counter()
    used = [0] * len(problem.capacities)
    chosen: set[int] = set()
    excluded = {(i, j) for i, j in problem.excludes} | {(j, i) for i, j in problem.excludes}

    def take(group: set[int], force: bool) -> None:
        extra = [sum(row[i] for i in group) for row in problem.weights]
        clash = any((i, j) in excluded for i in group for j in chosen | group)
        over = any(u + e > c for u, e, c in zip(used, extra, problem.capacities, strict=True))
        if force or not (clash or over):
            chosen.update(group)
            for k, e in enumerate(extra):
                used[k] += e

    for i in problem.mandatory:
        take(_closure(problem, i, chosen), force=True)

    def ratio(i: int) -> float:
        load = sum(row[i] / max(cap, 1) for row, cap in zip(problem.weights, problem.capacities,
                                                              strict=True))
        return problem.values[i] / load if load > 0 else float("inf")

    for i in sorted(range(problem.size), key=lambda i: (-ratio(i), i)):
        if i not in chosen:
            take(_closure(problem, i, chosen), force=False)
    ok = problem.fits(chosen)
    value = sum(problem.values[i] for i in chosen)
    return SelectionSolution(sorted(chosen), value, float("nan"),
                             "feasible" if ok else "infeasible", time.perf_counter() - began)


def solve_selection(problem: SelectionProblem, *, time_limit: float = 10.0, workers: int = 2,
                    hint: list[int] | None = None, progress: ProgressCallback = no_progress,
                    should_stop: StopCheck = never_stop) -> SelectionSolution:
    """Maximise total value with CP-SAT within ``time_limit`` seconds; ``should_stop()``
    ends the search early with the best choice so far. ``progress`` hears of each better
    choice (stage ``portfolio``; the detail gives the objective and its bound)."""
    from ortools.sat.python import cp_model

    began = time.perf_counter()
    m = cp_model.CpModel()
    x = [m.new_bool_var(f"x{i}") for i in range(problem.size)]
    for row, cap in zip(problem.weights, problem.capacities, strict=True):
        m.add(sum(w * x[i] for i, w in enumerate(row) if w) <= cap)
    for i in problem.mandatory:
        m.add(x[i] == 1)
    for i, j in problem.requires:
        m.add_implication(x[i], x[j])
    for i, j in problem.excludes:
        m.add_bool_or([x[i].Not(), x[j].Not()])
    m.maximize(sum(v * x[i] for i, v in enumerate(problem.values) if v))
    if hint is not None:
        picked = set(hint)
        for i, var in enumerate(x):
            m.add_hint(var, i in picked)

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.01, time_limit)
    solver.parameters.num_workers = max(1, workers)
    # leave Ctrl-C to the caller (the stop event); OR-Tools would otherwise take SIGINT over
    solver.parameters.catch_sigint_signal = False

    class _Report(cp_model.CpSolverSolutionCallback):
        def on_solution_callback(self) -> None:
            done = min(1.0, (time.perf_counter() - began) / max(time_limit, 0.01))
            progress(Progress(STAGE, done, message(
                "plan.progress.portfolio", value=self.objective_value,
                bound=self.best_objective_bound)))

    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.05):
            if should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        code = solver.solve(m, _Report())
    finally:
        finished.set()
        watcher.join()
    names = {cp_model.OPTIMAL: "optimal", cp_model.FEASIBLE: "feasible",
             cp_model.INFEASIBLE: "infeasible", cp_model.MODEL_INVALID: "infeasible"}
    status = names.get(code, "unknown")
    seconds = time.perf_counter() - began
    if status in ("optimal", "feasible"):
        chosen = [i for i in range(problem.size) if solver.boolean_value(x[i])]
        value = sum(problem.values[i] for i in chosen)
        return SelectionSolution(chosen, value, float(solver.best_objective_bound), status,
                                 seconds)
    return SelectionSolution([], 0, float("nan"), status, seconds)
