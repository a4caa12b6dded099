"""Choose initiatives and their start weeks together: each fiscal year's budget holds the cost
that falls in it from where its work runs, teams hold week by week, earliest starts and
dependencies hold, and deadlines are kept where they can be (CP-SAT, time-indexed costs).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import numpy as np

from opmodel.document.budget import fiscal_year_start
from opmodel.document.model import OperatingModel
from opmodel.engines.planning.ceilings import Bill, limits, units
from opmodel.engines.planning.ceilings import rows as ceiling_rows
from opmodel.engines.planning.costs import split_by_year
from opmodel.engines.planning.roadmap_schedule import roadmap_calendar, roadmap_problem
from opmodel.engines.planning.scheduling.problem import Network
from opmodel.engines.planning.selection import SelectionProblem
from opmodel.engines.planning.work_calendar import WorkCalendar
from opmodel.engines.progress import StopCheck, never_stop

SLACK_WEEKS = 52  # work may run this long past the last budgeted year (its cost then counts
#                   in the total of all years only, and is reported)
LATE_WEIGHT = 1000  # a week late weighs more than any start moved by a week


@dataclass
class TimedProblem:
    """The selection problem with time: each initiative's start window and, per budget row,
    its cost at every start week."""

    problem: SelectionProblem  # values, mandatory, requires, excludes (its rows unused)
    net: Network
    calendar: WorkCalendar
    horizon: int
    low: list[int]
    high: list[int]
    years: list[int | None]  # the fiscal year of each budget row, None for all years
    tables: list[np.ndarray]  # per budget row: (initiatives × horizon) cost by start week
    caps: list[int]
    capacity: np.ndarray  # resources × horizon, hundredths of people
    deadlines: list[int | None]


@dataclass
class TimedSolution:
    """Chosen initiatives, their start weeks, the value, the proven bound and the status."""

    chosen: list[int]
    starts: dict[int, int]
    value: int
    bound: float
    status: str
    seconds: float


def timed_problem(model: OperatingModel, problem: SelectionProblem, the_bill: Bill
                  ) -> TimedProblem | None:
    """The problem with time, or None when time has nothing to add or cannot be told: no
    budget limits, or initiatives without a duration."""
    roadmap = model.roadmap
    by_year = limits(model)
    if roadmap is None or not by_year or any(i.duration is None for i in roadmap.initiatives):
        return None
    calendar = roadmap_calendar(model)
    net = Network(roadmap_problem(model, calendar))
    month = model.metadata.fiscal_year_start_month
    earliest = net.earliest_starts()
    last = calendar.week_starting(fiscal_year_start(max(by_year) + 1, month))
    horizon = max([last, *(e + d for e, d in zip(earliest, net.dur, strict=True))]) + SLACK_WEEKS
    high = [horizon - d for d in net.dur]
    rows = ceiling_rows(model, [], the_bill)
    size = len(roadmap.initiatives)
    tables = [np.zeros((size, horizon), dtype=np.int64) for _ in rows]
    for n, ini in enumerate(roadmap.initiatives):
        moving = any(the_bill.spread.get(ini.id, {}).values())
        for t in range(earliest[n], high[n] + 1) if moving else [earliest[n]]:
            shares = split_by_year(calendar.start_date(t),
                                   calendar.finish_date(t, t + net.dur[n]), month)
            charge = the_bill.placed(ini.id, shares)
            for table, (year, scope, *_rest) in zip(tables, rows, strict=True):
                amount = (sum(c[scope] for c in charge.values()) if year is None
                          else charge.get(year, {}).get(scope, 0.0))
                table[n, t] = units(amount)
        last_t = high[n] if moving else earliest[n]
        for table in tables:
            table[n, :earliest[n]] = table[n, earliest[n]]
            table[n, last_t + 1:] = table[n, last_t]
    years = [year for year, *_rest in rows]
    caps = [row[4] for row in rows]
    capacity = np.array([r.profile(horizon) for r in net.resources],
                        dtype=np.int64).reshape(len(net.resources), horizon)
    deadlines = [t.deadline for t in roadmap_problem(model, calendar).tasks]
    return TimedProblem(problem, net, calendar, horizon, earliest, high, years, tables, caps,
                        capacity, deadlines)


def greedy_timed(tp: TimedProblem, first: list[int] | None = None) -> TimedSolution:
    """Mandatory initiatives, then ``first`` (today's selection), then the rest by value, each
    with its prerequisites at the earliest week where budgets and teams have room."""
    began = time.perf_counter()
    net, p = tp.net, tp.problem
    spent = [0] * len(tp.caps)
    free = tp.capacity.copy()
    starts: dict[int, int] = {}
    position = {i: k for k, i in enumerate(net.order)}
    needs: dict[int, list[int]] = {}
    for i, j in p.requires:
        needs.setdefault(i, []).append(j)
    clashes = {(i, j) for i, j in p.excludes} | {(j, i) for i, j in p.excludes}

    def closure(i: int) -> list[int]:
        out, todo = set(), [i]
        while todo:
            k = todo.pop()
            if k not in starts and k not in out:
                out.add(k)
                todo.extend(needs.get(k, []))
        return sorted(out, key=lambda k: position[k])

    def place(i: int) -> int | None:
        lo = max([tp.low[i], *(starts[a] + d for a, b, d in net.arcs
                               if b == i and a in starts)])
        if lo > tp.high[i]:
            return None
        ok = np.ones(tp.high[i] + 1 - lo, dtype=bool)
        for r, table in enumerate(tp.tables):
            ok &= spent[r] + table[i, lo:tp.high[i] + 1] <= tp.caps[r]
        d = net.dur[i]
        for k in range(len(net.resources)):
            need = net.demand[i][k]
            if need and d:
                window = np.lib.stride_tricks.sliding_window_view(free[k], d)
                ok &= window[lo:tp.high[i] + 1].min(axis=1) >= need
        hits = np.flatnonzero(ok)
        return lo + int(hits[0]) if hits.size else None

    def take(group: list[int]) -> bool:
        placed: list[int] = []
        for i in group:
            t = None if any((i, j) in clashes for j in [*starts, *placed]) else place(i)
            if t is None:
                for k in placed:
                    _book(tp, spent, free, k, starts.pop(k), -1)
                return False
            starts[i] = t
            _book(tp, spent, free, i, t, 1)
            placed.append(i)
        return True

    order = [*p.mandatory, *(first or []),
             *sorted(range(p.size), key=lambda i: (-p.values[i], i))]
    feasible = True
    for i in order:
        if i not in starts and not take(closure(i)) and i in p.mandatory:
            feasible = False
    chosen = sorted(starts)
    return TimedSolution(chosen, starts, sum(p.values[i] for i in chosen), float("nan"),
                         "feasible" if feasible else "infeasible", time.perf_counter() - began)


def _book(tp: TimedProblem, spent: list[int], free: np.ndarray, i: int, t: int,
          sign: int) -> None:
    for r, table in enumerate(tp.tables):
        spent[r] += sign * int(table[i, t])
    for k in range(len(tp.net.resources)):
        free[k, t:t + tp.net.dur[i]] -= sign * tp.net.demand[i][k]


def solve_timed(tp: TimedProblem, *, time_limit: float = 10.0, workers: int = 2,
                hint: TimedSolution | None = None,
                should_stop: StopCheck = never_stop) -> TimedSolution:
    """Most value first; then, keeping that value, the earliest starts and least lateness."""
    from ortools.sat.python import cp_model

    from opmodel.engines.planning.scheduling.cpsat import add_resources

    began = time.perf_counter()
    net, p, n = tp.net, tp.problem, tp.problem.size
    m = cp_model.CpModel()
    x = [m.new_bool_var(f"x{i}") for i in range(n)]
    s = [m.new_int_var(tp.low[i], tp.high[i], f"s{i}") for i in range(n)]
    for i in p.mandatory:
        m.add(x[i] == 1)
    for i, j in p.requires:
        m.add_implication(x[i], x[j])
    for i, j in p.excludes:
        m.add_bool_or([x[i].Not(), x[j].Not()])
    for i, j, d in net.arcs:
        m.add(s[j] >= s[i] + d).only_enforce_if(x[j])
    intervals = [m.new_optional_fixed_size_interval_var(s[i], net.dur[i], x[i], f"iv{i}")
                 for i in range(n)]
    add_resources(m, net, intervals, tp.horizon)
    for table, cap in zip(tp.tables, tp.caps, strict=True):
        terms = []
        for i in range(n):
            row = table[i, :tp.high[i] + 1]
            lo, hi = int(row[tp.low[i]:].min()), int(row[tp.low[i]:].max())
            if hi == 0:
                continue
            if lo == hi:
                terms.append(hi * x[i])
                continue
            cost = m.new_int_var(lo, hi, f"c{i}")
            m.add_element(s[i], [int(v) for v in row], cost)
            paid = m.new_int_var(0, hi, f"z{i}")
            m.add(paid == cost).only_enforce_if(x[i])
            m.add(paid == 0).only_enforce_if(x[i].Not())
            terms.append(paid)
        m.add(sum(terms) <= cap)
    value = sum(v * x[i] for i, v in enumerate(p.values) if v)
    m.maximize(value)
    if hint is not None:
        for i in range(n):
            m.add_hint(x[i], i in hint.starts)
            m.add_hint(s[i], hint.starts.get(i, tp.low[i]))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = max(1, workers)
    solver.parameters.catch_sigint_signal = False
    # the model took some of the time to build
    solver.parameters.max_time_in_seconds = max(
        0.2, time_limit * 0.7 - (time.perf_counter() - began))
    code = _solve(solver, m, should_stop)
    names = {int(cp_model.OPTIMAL): "optimal", int(cp_model.FEASIBLE): "feasible",
             int(cp_model.INFEASIBLE): "infeasible", int(cp_model.MODEL_INVALID): "infeasible"}
    status = names.get(code, "unknown")
    if status not in ("optimal", "feasible"):
        return TimedSolution([], {}, 0, float("nan"), status, time.perf_counter() - began)
    bound = float(solver.best_objective_bound)
    picked = [i for i in range(n) if solver.boolean_value(x[i])]
    first = {i: solver.value(s[i]) for i in picked}
    found = sum(p.values[i] for i in picked)
    # second: the same value, work as early as it can and as little late as it can
    m.add(value >= found)
    late = []
    for i, deadline in enumerate(tp.deadlines):
        if deadline is not None:
            miss = m.new_int_var(0, tp.horizon, f"late{i}")
            m.add(miss >= s[i] + net.dur[i] - deadline).only_enforce_if(x[i])
            late.append(miss)
    m.minimize(LATE_WEIGHT * sum(late) + sum(s))
    m.clear_hints()  # type: ignore[no-untyped-call]
    for i in range(n):
        m.add_hint(x[i], i in first)
        m.add_hint(s[i], first.get(i, tp.low[i]))
    left = time_limit - (time.perf_counter() - began)
    solver.parameters.max_time_in_seconds = max(0.05, left)
    if not should_stop() and _solve(solver, m, should_stop) in (cp_model.OPTIMAL,
                                                                cp_model.FEASIBLE):
        picked = [i for i in range(n) if solver.boolean_value(x[i])]
        first = {i: solver.value(s[i]) for i in picked}
    return TimedSolution(picked, first, sum(p.values[i] for i in picked), bound, status,
                         time.perf_counter() - began)


def _solve(solver: object, model: object, should_stop: StopCheck) -> int:
    """Solve, stopping the search once ``should_stop()`` says so."""
    finished = threading.Event()

    def watch() -> None:
        while not finished.wait(0.05):
            if should_stop():
                solver.stop_search()  # type: ignore[attr-defined]
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return int(solver.solve(model))  # type: ignore[attr-defined]
    finally:
        finished.set()
        watcher.join()
