"""The portfolio the plan uses: today's selection with costs in fixed windows as the baseline,
then initiatives and start weeks chosen together, with what was moved and why."""

from __future__ import annotations

import time

import numpy as np

from opmodel.document.model import OperatingModel
from opmodel.engines.planning.ceilings import bill
from opmodel.engines.planning.portfolio import (
    VALUE_SCALE,
    ConstraintUse,
    PortfolioResult,
    StartMove,
    _Limit,
    build_problem,
    select_portfolio,
)
from opmodel.engines.planning.prioritisation import Prioritisation, prioritise
from opmodel.engines.planning.roadmap_schedule import SCALE
from opmodel.engines.planning.timed_selection import (
    TimedProblem,
    TimedSolution,
    greedy_timed,
    solve_timed,
    timed_problem,
)
from opmodel.engines.progress import (
    Progress,
    ProgressCallback,
    StopCheck,
    never_stop,
    no_progress,
)
from opmodel.knowledge.texts import Message, message


def choose_portfolio(model: OperatingModel, prioritisation: Prioritisation | None = None, *,
                     time_limit: float = 10.0, workers: int = 2, rate: float | None = None,
                     progress: ProgressCallback = no_progress,
                     should_stop: StopCheck = never_stop) -> PortfolioResult:
    """Today's selection first (a quarter of ``time_limit``), then, when there are budget
    limits and durations, the time-aware one in the rest of the time, started from it."""
    began = time.perf_counter()
    prioritisation = prioritisation or prioritise(model)
    baseline = select_portfolio(model, prioritisation, time_limit=time_limit / 4,
                                workers=workers, rate=rate, progress=progress,
                                should_stop=should_stop)
    if baseline.status == "infeasible" or should_stop():
        return baseline
    problem, names = build_problem(model, prioritisation, rate)
    tp = timed_problem(model, problem, bill(model, rate))
    if tp is None:
        return baseline
    ids = [ini.id for ini in model.roadmap.initiatives] if model.roadmap else []
    index = {i: n for n, i in enumerate(ids)}
    greedy = greedy_timed(tp, [index[i] for i in baseline.selected])
    # what is left of the time limit, less a margin for reading the answer
    left = time_limit - (time.perf_counter() - began)
    sol = solve_timed(tp, time_limit=max(0.1, left * 0.9 - 0.2), workers=workers,
                      hint=greedy if greedy.status == "feasible" else None,
                      should_stop=should_stop)
    if sol.status not in ("optimal", "feasible") or sol.value < greedy.value:
        if greedy.status != "feasible":
            return baseline.model_copy(update={"method": "fixed_windows", "notes": [
                *baseline.notes, message("portfolio.no_dates")]})
        sol = TimedSolution(greedy.chosen, greedy.starts, greedy.value, sol.bound,
                            "feasible", sol.seconds)
    chosen = set(sol.chosen)
    progress(Progress("portfolio", 1.0, message(
        "plan.progress.portfolio", value=sol.value // (len(ids) + 1) / VALUE_SCALE,
        bound=sol.bound // (len(ids) + 1) / VALUE_SCALE if sol.bound == sol.bound
        else sol.value // (len(ids) + 1) / VALUE_SCALE)))
    bound = sol.bound // (len(ids) + 1) / VALUE_SCALE if sol.bound == sol.bound else None
    value = sol.value // (len(ids) + 1) / VALUE_SCALE
    return PortfolioResult(
        status=sol.status, selected=[ids[i] for i in sorted(chosen)],
        rejected=[i for n, i in enumerate(ids) if n not in chosen], value=value, bound=bound,
        gap=max(0.0, (sol.bound - sol.value) / max(1.0, abs(sol.bound)))
        if bound is not None and sol.status == "feasible" else 0.0 if bound is not None
        else None,
        greedy_value=greedy.value // (len(ids) + 1) / VALUE_SCALE
        if greedy.status == "feasible" else None,
        seconds=baseline.seconds + sol.seconds, uses=_uses(tp, sol, names),
        reasons={ids[i]: _reason(tp, sol, names, ids, i)
                 for i in range(len(ids)) if i not in chosen},
        notes=[], method="time_aware", baseline_value=baseline.value,
        start_weeks={ids[i]: t for i, t in sorted(sol.starts.items())},
        moves=_moves(tp, sol, names, ids))


def _spent(tp: TimedProblem, sol: TimedSolution, skip: int | None = None) -> list[int]:
    return [int(sum(table[i, t] for i, t in sol.starts.items() if i != skip))
            for table in tp.tables]


def _free(tp: TimedProblem, sol: TimedSolution, skip: int | None = None) -> np.ndarray:
    free = tp.capacity.copy()
    for i, t in sol.starts.items():
        if i != skip:
            for k in range(len(tp.net.resources)):
                free[k, t:t + tp.net.dur[i]] -= tp.net.demand[i][k]
    return free


def _blocked(tp: TimedProblem, names: list[_Limit], i: int, lo: int, hi: int,
             spent: list[int], free: np.ndarray) -> list[tuple[_Limit, np.ndarray]]:
    """Each limit, in order, with the start weeks lo..hi at which ``i`` would break it."""
    out = [(names[r], spent[r] + table[i, lo:hi + 1] > tp.caps[r])
           for r, table in enumerate(tp.tables)]
    capacity = {n.resource: n for n in names if n.kind == "capacity"}
    d = tp.net.dur[i]
    for k, resource in enumerate(tp.net.resources):
        need = tp.net.demand[i][k]
        if need and d:
            window = np.lib.stride_tricks.sliding_window_view(free[k], d)[lo:hi + 1]
            out.append((capacity.get(resource.id, _Limit("capacity", None, resource.id, 0.0)),
                        window.min(axis=1) < need))
    return out


def _reason(tp: TimedProblem, sol: TimedSolution, names: list[_Limit], ids: list[str],
            i: int) -> Message:
    """Why ``i`` was left out: an alternative, a prerequisite, or the limit that blocks it at
    most of the start weeks it could have."""
    p = tp.problem
    for a, b in p.excludes:
        other = b if a == i else a if b == i else None
        if other is not None and other in sol.starts:
            return message("portfolio.alternative", other=ids[other])
    for a, b in p.requires:
        if a == i and b not in sol.starts:
            return message("portfolio.prerequisite", prerequisite=ids[b])
    lo = max([tp.low[i], *(sol.starts[a] + d for a, b, d in tp.net.arcs
                           if b == i and a in sol.starts)])
    if lo > tp.high[i]:  # its prerequisites finish too late for it to start at all
        return message("portfolio.no_start")
    blocked = _blocked(tp, names, i, lo, tp.high[i], _spent(tp, sol), _free(tp, sol))
    # at each start week, the first limit it breaks there
    first = np.full(tp.high[i] + 1 - lo, -1)
    for k, (_, mask) in reversed(list(enumerate(blocked))):
        first[mask] = k
    if (first < 0).any():
        return message("portfolio.not_reached")
    worst = int(np.bincount(first).argmax())
    return message("portfolio.over_limit", limit=blocked[worst][0].named())


def _moves(tp: TimedProblem, sol: TimedSolution, names: list[_Limit], ids: list[str]
           ) -> list[StartMove]:
    """Initiatives that start later than their release and prerequisites allow, and why."""
    out = []
    cal = tp.calendar
    for i, t in sorted(sol.starts.items()):
        could = max([tp.net.release[i], *(sol.starts[a] + d for a, b, d in tp.net.arcs
                                          if b == i and a in sol.starts)])
        if t <= could:
            continue
        broken = [limit for limit, mask in _blocked(tp, names, i, could, could,
                                                    _spent(tp, sol, i), _free(tp, sol, i))
                  if mask[0]]
        if not broken:
            continue  # no limit kept it back: the search did not bring it forward in time
        limit = broken[0]
        reason = (message("portfolio.moved.budget", limit=limit.named())
                  if limit.kind == "budget" else
                  message("portfolio.moved.capacity", team=limit.resource))
        out.append(StartMove(initiative=ids[i], earliest=cal.start_date(could),
                             start=cal.start_date(t), weeks=t - could, reason=reason))
    return out


def _uses(tp: TimedProblem, sol: TimedSolution, names: list[_Limit]) -> list[ConstraintUse]:
    """Each budget row as the chosen starts place the cost, then the teams' resource-weeks."""
    spent = _spent(tp, sol)
    out = [ConstraintUse(kind="budget", fiscal_year=n.fiscal_year, covers=n.covers,
                         limit=n.limit, used=n.fixed + used / n.scale)
           for n, used in zip(names, spent, strict=False)]
    for k, resource in enumerate(tp.net.resources):
        need = sum(tp.net.demand[i][k] * tp.net.dur[i] for i in sol.starts)
        if need:
            end = max(t + tp.net.dur[i] for i, t in sol.starts.items())
            out.append(ConstraintUse(kind="capacity", resource=resource.id,
                                     used=need / SCALE,
                                     limit=float(tp.capacity[k, :end].sum()) / SCALE))
    return out
